'use strict';

// Colours per emotion; labels come from the model, unknown ones take the fallback palette.
const COLORS = {
  neutral: '#8a94a6', calm: '#2bb3a3', happy: '#f2b134', sad: '#4a7bd0',
  angry: '#e0533d', fearful: '#8e5bd0', disgust: '#5f9e47', surprised: '#f08a3c',
};
const FALLBACK = ['#3d5afe', '#00897b', '#c2185b', '#6d4c41', '#546e7a', '#7cb342'];
const MAX_RECORD_SECONDS = 120;

const $ = (id) => document.getElementById(id);
let labels = [];
let maxBytes = 25 * 1024 * 1024;
let audioUrl = null;
let recorder = null;
let pending = null; // the AbortController of the request whose answer the page is waiting for

function colorOf(label) {
  if (COLORS[label]) return COLORS[label];
  const i = Math.max(0, labels.indexOf(label));
  return FALLBACK[i % FALLBACK.length];
}

const percent = (p) => `${(p * 100).toFixed(1)}%`;
const seconds = (s) => `${s.toFixed(1)} s`;

function showError(message) {
  const box = $('error');
  box.textContent = message;
  box.hidden = false;
}

function clearError() {
  $('error').hidden = true;
  $('error').textContent = '';
}

async function loadModelInfo() {
  try {
    const response = await fetch('/api/model');
    const info = await response.json();
    if (!response.ok) throw new Error(info.error || `HTTP ${response.status}`);
    labels = info.labels;
    maxBytes = info.limits.max_upload_bytes;
    const window = info.window_seconds ? ` · ${info.window_seconds.toFixed(2)} s window` : '';
    $('model-info').textContent = `Model: ${info.source} · ${labels.length} emotions (${labels.join(', ')})${window}`;
    $('upload-hint').textContent = `WAV, MP3 or Ogg Vorbis, up to ${(maxBytes / 1048576).toFixed(0)} MB`;
  } catch (e) {
    $('model-info').textContent = `Model information unavailable (${e.message}).`;
  }
}

// A file the browser itself says is not audio (a photo, a PDF...) is refused before it is sent.
function looksLikeAudio(blob, name) {
  if (blob.type && !blob.type.startsWith('audio/') && blob.type !== 'application/octet-stream') return false;
  return !/\.(jpe?g|png|gif|webp|heic|pdf|docx?|xlsx?|pptx?|txt|zip|mp4|mov)$/i.test(name);
}

const notAudio = (name) =>
  `“${name}” doesn't look like an audio recording. Choose a WAV, MP3 or Ogg file, or record one with the microphone button.`;

// Shows the clip and its player, then asks the server for the prediction. Picking another file while one is
// being analysed cancels the first request, and an answer that arrives late is ignored.
async function analyse(blob, name) {
  if (pending) pending.abort();
  const request = new AbortController();
  pending = request;
  clearError();
  if (!looksLikeAudio(blob, name)) {
    $('result').hidden = true;
    showError(notAudio(name));
    return;
  }
  if (blob.size > maxBytes) {
    $('result').hidden = true;
    showError(`${name}: the file is ${(blob.size / 1048576).toFixed(1)} MB; the limit is ${(maxBytes / 1048576).toFixed(0)} MB.`);
    return;
  }
  if (audioUrl) URL.revokeObjectURL(audioUrl);
  audioUrl = URL.createObjectURL(blob);
  $('player').src = audioUrl;
  $('clip-name').textContent = name;
  $('clip-meta').textContent = `${(blob.size / 1024).toFixed(0)} KB`;
  $('result').hidden = false;
  $('busy').hidden = false;
  $('answer').hidden = true;

  const form = new FormData();
  form.append('file', blob, name);
  let response;
  let body = null;
  try {
    response = await fetch('/api/predict', { method: 'POST', body: form, signal: request.signal });
    body = await response.json().catch(() => null);
  } catch (e) {
    if (request !== pending) return; // superseded by a newer file
    $('result').hidden = true;
    showError(`Could not reach the server: ${e.message}`);
    return;
  }
  if (request !== pending) return; // superseded by a newer file
  pending = null;
  $('busy').hidden = true;
  if (!response.ok || !body) {
    $('result').hidden = true;
    if (response.status === 415) showError(notAudio(name));
    else showError(body && body.error ? body.error : `The server answered ${response.status} ${response.statusText}.`);
    return;
  }
  render(body);
  $('result').scrollIntoView({ behavior: 'smooth', block: 'nearest' });
}

// For a clip with a timeline, the whole clip's answer is the mean of its windows' probabilities, not the
// first window's.
function summarise(prediction) {
  const segments = prediction.timeline || [];
  if (segments.length < 2) return { label: prediction.label, confidence: prediction.confidence, probabilities: prediction.probabilities, windows: 1 };
  const probabilities = {};
  for (const label of Object.keys(prediction.probabilities)) {
    probabilities[label] = segments.reduce((sum, s) => sum + s.probabilities[label], 0) / segments.length;
  }
  const [label, confidence] = Object.entries(probabilities).reduce((best, e) => (e[1] > best[1] ? e : best));
  return { label, confidence, probabilities, windows: segments.length };
}

function render(prediction) {
  $('clip-meta').textContent = `${seconds(prediction.duration_seconds)} · ${$('clip-meta').textContent}`;
  const summary = summarise(prediction);
  $('label').textContent = summary.label;
  $('label').style.color = colorOf(summary.label);
  $('confidence').textContent = summary.windows > 1
    ? `${percent(summary.confidence)} on average over ${summary.windows} windows`
    : `${percent(summary.confidence)} confidence`;

  const bars = $('bars');
  bars.replaceChildren();
  for (const [label, p] of Object.entries(summary.probabilities)) {
    const row = document.createElement('div');
    row.className = label === summary.label ? 'bar top' : 'bar';
    row.setAttribute('role', 'listitem');
    row.dataset.label = label;
    row.innerHTML = '<span class="bar-name"></span><span class="bar-track"><span class="bar-fill"></span></span><span class="bar-value"></span>';
    row.querySelector('.bar-name').textContent = label;
    row.querySelector('.bar-value').textContent = percent(p);
    const fill = row.querySelector('.bar-fill');
    fill.style.background = colorOf(label);
    fill.style.width = percent(p);
    bars.appendChild(row);
  }
  $('answer').hidden = false;
  renderTimeline(prediction); // after unhiding, so the track has its width
}

// Each moment of the clip shows the window whose centre is nearest to it (windows overlap when the hop
// is shorter than the window); hovering a block shows that window's own span.
function renderTimeline(prediction) {
  const segments = prediction.timeline || [];
  const section = $('timeline-section');
  section.hidden = segments.length < 2;
  if (section.hidden) return;

  const total = prediction.duration_seconds;
  const track = $('timeline');
  track.replaceChildren();
  const centres = segments.map((s) => (s.start_seconds + s.end_seconds) / 2);
  // Each window owns the stretch nearest its centre; neighbours with the same label become one block.
  const blocks = [];
  segments.forEach((segment, i) => {
    const from = i === 0 ? 0 : (centres[i - 1] + centres[i]) / 2;
    const to = i + 1 === segments.length ? total : (centres[i] + centres[i + 1]) / 2;
    const last = blocks[blocks.length - 1];
    if (last && last.label === segment.label) {
      last.to = to;
      last.windows.push(segment);
    } else {
      blocks.push({ label: segment.label, from, to, windows: [segment] });
    }
  });
  for (const b of blocks) {
    const block = document.createElement('div');
    block.className = 'segment';
    block.style.left = `${(b.from / total) * 100}%`;
    block.style.width = `${((b.to - b.from) / total) * 100}%`;
    block.style.background = colorOf(b.label);
    const mean = b.windows.reduce((sum, w) => sum + w.confidence, 0) / b.windows.length;
    const count = b.windows.length === 1 ? '1 window' : `${b.windows.length} windows`;
    block.title = `${seconds(b.from)}–${seconds(b.to)}: ${b.label} (${count}, ${percent(mean)})`;
    if (((b.to - b.from) / total) * track.clientWidth >= 64) block.textContent = b.label;
    track.appendChild(block);
  }

  // Ticks at a round step chosen so that labels stay about 56 px apart whatever the clip's length.
  const axis = $('timeline-axis');
  axis.replaceChildren();
  const room = Math.max(2, Math.floor((track.clientWidth || 600) / 56));
  const step = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1200].find((s) => total / s <= room) || Math.ceil(total / room);
  const stamp = (t) => (step >= 60 ? `${Math.floor(t / 60)}:${String(t % 60).padStart(2, '0')}` : `${t}s`);
  for (let t = 0; t <= total + 1e-6; t += step) {
    const tick = document.createElement('span');
    tick.style.left = `${(t / total) * 100}%`;
    tick.textContent = stamp(t);
    axis.appendChild(tick);
  }

  const legend = $('legend');
  legend.replaceChildren();
  for (const label of new Set(segments.map((s) => s.label))) {
    const item = document.createElement('span');
    item.innerHTML = '<i></i>';
    item.querySelector('i').style.background = colorOf(label);
    item.append(label);
    legend.appendChild(item);
  }
}

// --- File input and drag and drop ---
// A touch screen cannot drop files: say "choose or record" there.
if (window.matchMedia && window.matchMedia('(pointer: coarse)').matches) {
  $('drop-text').textContent = 'Choose an audio file or record one';
  $('drop-zone').setAttribute('aria-label', 'Choose an audio file (WAV, MP3 or Ogg)');
  $('drop-zone').classList.add('touch');
}
function pickFile(file) {
  if (file) analyse(file, file.name);
}

const dropZone = $('drop-zone');
dropZone.addEventListener('click', (e) => { if (e.target.tagName !== 'LABEL') $('file-input').click(); });
dropZone.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); $('file-input').click(); } });
$('file-input').addEventListener('change', (e) => { pickFile(e.target.files[0]); e.target.value = ''; });
for (const type of ['dragenter', 'dragover']) {
  dropZone.addEventListener(type, (e) => { e.preventDefault(); dropZone.classList.add('dragging'); });
}
for (const type of ['dragleave', 'drop']) {
  dropZone.addEventListener(type, () => dropZone.classList.remove('dragging'));
}
dropZone.addEventListener('drop', (e) => { e.preventDefault(); pickFile(e.dataTransfer.files[0]); });

// --- Microphone recording: raw PCM from an AudioWorklet (ScriptProcessor where unavailable), WAV made here ---
async function startRecording() {
  clearError();
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    showError('This browser cannot record here: microphone access needs a secure page (https or localhost).');
    return;
  }
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: { channelCount: 1, echoCancellation: false, noiseSuppression: false, autoGainControl: false },
    });
  } catch (e) {
    showError(`Microphone unavailable: ${e.message || e.name}`);
    return;
  }
  const context = new AudioContext();
  const source = context.createMediaStreamSource(stream);
  const chunks = [];
  let node;
  if (context.audioWorklet) {
    await context.audioWorklet.addModule('recorder-worklet.js');
    node = new AudioWorkletNode(context, 'pcm-recorder');
    node.port.onmessage = (e) => chunks.push(e.data);
  } else {
    node = context.createScriptProcessor(4096, 1, 1);
    node.onaudioprocess = (e) => chunks.push(new Float32Array(e.inputBuffer.getChannelData(0)));
  }
  const mute = context.createGain(); // keeps the node pulled by the graph without playing the microphone back
  mute.gain.value = 0;
  source.connect(node).connect(mute).connect(context.destination);

  const started = performance.now();
  const timer = setInterval(() => {
    const elapsed = (performance.now() - started) / 1000;
    $('record-status').textContent = `Recording ${elapsed.toFixed(1)} s`;
    if (elapsed >= MAX_RECORD_SECONDS) stopRecording();
  }, 100);
  recorder = { stream, context, source, node, chunks, timer };
  $('record-button').classList.add('recording');
  $('record-text').textContent = 'Stop recording';
}

async function stopRecording() {
  const r = recorder;
  if (!r) return;
  recorder = null;
  clearInterval(r.timer);
  if (r.node.port) {
    // Ask the worklet for its last partial block and wait for it.
    await new Promise((resolve) => {
      r.node.port.onmessage = (e) => { r.chunks.push(e.data); resolve(); };
      r.node.port.postMessage('flush');
      setTimeout(resolve, 300);
    });
  }
  r.source.disconnect();
  r.stream.getTracks().forEach((t) => t.stop());
  const rate = r.context.sampleRate;
  await r.context.close();
  $('record-button').classList.remove('recording');
  $('record-text').textContent = 'Record from microphone';
  const samples = concat(r.chunks);
  $('record-status').textContent = `${(samples.length / rate).toFixed(1)} s recorded`;
  if (samples.length === 0) {
    showError('Nothing was recorded.');
    return;
  }
  analyse(encodeWav(samples, rate), 'recording.wav');
}

function concat(chunks) {
  const out = new Float32Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const c of chunks) { out.set(c, offset); offset += c.length; }
  return out;
}

// 16-bit PCM mono RIFF/WAVE.
function encodeWav(samples, sampleRate) {
  const buffer = new ArrayBuffer(44 + samples.length * 2);
  const view = new DataView(buffer);
  const text = (offset, s) => { for (let i = 0; i < s.length; i++) view.setUint8(offset + i, s.charCodeAt(i)); };
  text(0, 'RIFF');
  view.setUint32(4, 36 + samples.length * 2, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  text(36, 'data');
  view.setUint32(40, samples.length * 2, true);
  for (let i = 0; i < samples.length; i++) {
    const s = Math.max(-1, Math.min(1, samples[i]));
    view.setInt16(44 + i * 2, s < 0 ? s * 0x8000 : s * 0x7fff, true);
  }
  return new Blob([buffer], { type: 'audio/wav' });
}

$('record-button').addEventListener('click', () => (recorder ? stopRecording() : startRecording()));
loadModelInfo();
