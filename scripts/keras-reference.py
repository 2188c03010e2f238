#!/usr/bin/python3
"""Reference outputs of the original Keras model, for the import-keras test.

Runs the original network (Conv1D, BatchNorm, Conv1D, MaxPool, BiLSTM, per-frame-bias attention, Dense,
Dense) written out by hand in float64 with PyTorch, from the weights in the .h5 file read with h5py, on
synthetic inputs that the C# test rebuilds from the same formula. Needs only Debian's python3-torch and
python3-h5py (no TensorFlow or Keras):

    /usr/bin/python3 scripts/keras-reference.py tests/SpeechEmotion.Tests/TestData/keras/Emotion_classifier.h5 \
        > tests/SpeechEmotion.Tests/TestData/keras/reference-outputs.json
"""
import json
import math
import sys

import h5py
import torch

FRAMES, FEATURES, CLIPS = 248, 121, 4


def feature_value(clip, t, f):
    """Feature-like values: MFCC 0 near -350, other MFCCs +-25, deltas +-3, RMS near 0.05 (same formula in the test)."""
    if clip == 2 and t >= 150:  # zeros at the end, as the original web app padded
        return 0.0
    if clip == 3 and t < 100:  # zeros at the front, as the original training padded
        return 0.0
    phase = 0.05 * (t + 1) * (1 + f % 7) + 0.9 * clip + 0.3 * f
    if f == 0:
        scale, offset = 150.0, -350.0
    elif f < 40:
        scale, offset = 25.0, 0.0
    elif f < 120:
        scale, offset = 3.0, 0.0
    else:
        scale, offset = 0.04, 0.05
    return offset + scale * math.sin(phase)


def inputs():
    x = torch.tensor([[[feature_value(b, t, f) for f in range(FEATURES)] for t in range(FRAMES)] for b in range(CLIPS)],
                     dtype=torch.float32)
    return x.double()  # the C# side rounds to float32 as well


def weights(path):
    f = h5py.File(path, "r")
    g = f["model_weights"]
    out = {}
    for layer in g.attrs["layer_names"]:
        layer = layer.decode() if isinstance(layer, bytes) else layer
        for name in g[layer].attrs["weight_names"]:
            name = name.decode() if isinstance(name, bytes) else name
            out[name] = torch.from_numpy(g[layer][name][()]).double()
    return out


def find(w, *parts):
    hits = [k for k in w if all(p in k for p in parts)]
    assert len(hits) == 1, (parts, hits)
    return w[hits[0]]


def conv1d_relu(x, kernel, bias):  # x [B, T, C], kernel [k, in, out], valid padding
    y = torch.nn.functional.conv1d(x.transpose(1, 2), kernel.permute(2, 1, 0), bias)
    return torch.relu(y).transpose(1, 2)


def lstm(x, kernel, recurrent, bias):  # Keras LSTM: gates i, f, c, o; sigmoid and tanh
    b, t, _ = x.shape
    units = recurrent.shape[0]
    h = torch.zeros(b, units, dtype=x.dtype)
    c = torch.zeros(b, units, dtype=x.dtype)
    out = []
    for step in range(t):
        z = x[:, step] @ kernel + h @ recurrent + bias
        i, f, g, o = z.split(units, dim=1)
        c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
        h = torch.sigmoid(o) * torch.tanh(c)
        out.append(h)
    return torch.stack(out, 1)


def forward(w, x):
    convs = sorted({k.split("/")[0] for k in w if k.startswith("conv1d")}, key=lambda n: int(n.split("_")[-1]) if "_" in n else 0)
    h = conv1d_relu(x, w[f"{convs[0]}/kernel"], w[f"{convs[0]}/bias"])
    gamma, beta = find(w, "batch_normalization", "gamma"), find(w, "batch_normalization", "beta")
    mean, var = find(w, "batch_normalization", "moving_mean"), find(w, "batch_normalization", "moving_variance")
    h = (h - mean) / torch.sqrt(var + 1e-3) * gamma + beta
    h = conv1d_relu(h, w[f"{convs[1]}/kernel"], w[f"{convs[1]}/bias"])
    h = torch.nn.functional.max_pool1d(h.transpose(1, 2), 2).transpose(1, 2)
    fwd = lstm(h, find(w, "forward_lstm", "/kernel"), find(w, "forward_lstm", "recurrent_kernel"), find(w, "forward_lstm", "/bias"))
    bwd = lstm(h.flip(1), find(w, "backward_lstm", "/kernel"), find(w, "backward_lstm", "recurrent_kernel"), find(w, "backward_lstm", "/bias")).flip(1)
    h = torch.cat([fwd, bwd], 2)
    energy = torch.tanh(h @ find(w, "attention_weight") + find(w, "attention_bias"))  # [B, 120, 1] + [120, 1]
    a = torch.softmax(energy, dim=1)
    pooled = (h * a).sum(1)
    dense = sorted({k.split("/")[0] for k in w if k.startswith("dense")}, key=lambda n: int(n.split("_")[-1]) if "_" in n else 0)
    hidden = torch.relu(pooled @ w[f"{dense[0]}/kernel"] + w[f"{dense[0]}/bias"])
    logits = hidden @ w[f"{dense[1]}/kernel"] + w[f"{dense[1]}/bias"]
    return logits, torch.softmax(logits, dim=1)


def main():
    path = sys.argv[1]
    w = weights(path)
    logits, probabilities = forward(w, inputs())
    json.dump({
        "source": path.split("/")[-1],
        "computed_by": "scripts/keras-reference.py (float64, PyTorch %s, h5py)" % torch.__version__,
        "inputs": "feature_value(clip, t, f) in scripts/keras-reference.py, rounded to float32",
        "clips": CLIPS, "frames": FRAMES, "features": FEATURES,
        "logits": logits.tolist(),
        "probabilities": probabilities.tolist(),
    }, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
