#!/usr/bin/env python3
"""Reference pitch track for the YIN tests: librosa 0.11's `librosa.yin` (and the normalized difference at the
period it picks), transcribed to numpy line by line so that it runs without librosa, in float64.

usage: scripts/yin-reference.py RESAMPLED.csv OUT.csv
RESAMPLED.csv: one float32 sample per line at 22050 Hz (a golden file's NAME.resampled.csv).
OUT.csv: one line per frame: f0 in Hz, normalized difference at the chosen lag (%.17g).
Settings: frame_length 2048, hop_length 512, fmin 60, fmax 600, trough_threshold 0.1, center with zero padding.
"""
import sys
import numpy as np

SR, FRAME, HOP, FMIN, FMAX, THRESHOLD = 22050, 2048, 512, 60.0, 600.0, 0.1


def cumulative_mean_normalized_difference(y_frames, frame_length, win_length, min_period, max_period):
    # librosa/core/pitch.py, _cumulative_mean_normalized_difference
    a = np.fft.rfft(y_frames, frame_length, axis=-2)
    b = np.fft.rfft(y_frames[..., win_length:0:-1, :], frame_length, axis=-2)
    acf_frames = np.fft.irfft(a * b, frame_length, axis=-2)[..., win_length:, :]
    acf_frames[np.abs(acf_frames) < 1e-6] = 0
    energy_frames = np.cumsum(y_frames ** 2, axis=-2)
    energy_frames = energy_frames[..., win_length:, :] - energy_frames[..., :-win_length, :]
    energy_frames[np.abs(energy_frames) < 1e-6] = 0
    yin_frames = energy_frames[..., :1, :] + energy_frames - 2 * acf_frames
    yin_numerator = yin_frames[..., min_period: max_period + 1, :]
    tau_range = np.arange(1, max_period + 1)[:, None]
    cumulative_mean = np.cumsum(yin_frames[..., 1: max_period + 1, :], axis=-2) / tau_range
    yin_denominator = cumulative_mean[..., min_period - 1: max_period, :]
    return yin_numerator / (yin_denominator + np.finfo(yin_denominator.dtype).tiny)


def parabolic_shifts(x):
    # librosa/core/pitch.py, _parabolic_interpolation (stencil, then zero at both ends)
    shifts = np.zeros_like(x)
    for i in range(1, x.shape[0] - 1):
        for t in range(x.shape[1]):
            a = x[i + 1, t] + x[i - 1, t] - 2 * x[i, t]
            b = (x[i + 1, t] - x[i - 1, t]) / 2
            shifts[i, t] = 0 if np.abs(b) >= np.abs(a) else -b / a
    return shifts


def localmin(x):
    # librosa.util.localmin along axis 0: x[i] < x[i-1] and x[i] <= x[i+1], edges padded by repetition
    padded = np.pad(x, [(1, 1), (0, 0)], mode="edge")
    return (x < padded[:-2]) & (x <= padded[2:])


def yin(y):
    win_length = FRAME // 2
    y = np.pad(y, FRAME // 2, mode="constant")
    count = 1 + (len(y) - FRAME) // HOP
    y_frames = np.stack([y[t * HOP: t * HOP + FRAME] for t in range(count)], axis=1)
    min_period = int(np.floor(SR / FMAX))
    max_period = min(int(np.ceil(SR / FMIN)), FRAME - win_length - 1)
    d = cumulative_mean_normalized_difference(y_frames, FRAME, win_length, min_period, max_period)
    shifts = parabolic_shifts(d)
    is_trough = localmin(d)
    is_trough[0, :] = d[0, :] < d[1, :]
    below = is_trough & (d < THRESHOLD)
    chosen = np.argmax(below, axis=0)
    none = ~below.any(axis=0)
    chosen[none] = np.argmin(d, axis=0)[none]
    columns = np.arange(d.shape[1])
    period = min_period + chosen + shifts[chosen, columns]
    return SR / period, d[chosen, columns]


if __name__ == "__main__":
    samples = np.loadtxt(sys.argv[1], dtype=np.float32).astype(np.float64)
    f0, aperiodicity = yin(samples)
    np.savetxt(sys.argv[2], np.stack([f0, aperiodicity], axis=1), fmt="%.17g", delimiter=",")
