// Collects the microphone's first channel and posts it to the page in blocks of 4096 samples.
class PcmRecorder extends AudioWorkletProcessor {
  constructor() {
    super();
    this.block = new Float32Array(4096);
    this.filled = 0;
    this.port.onmessage = () => this.flush(); // the page asks for the rest when recording stops
  }

  flush() {
    this.port.postMessage(this.block.slice(0, this.filled));
    this.filled = 0;
  }

  process(inputs) {
    const channel = inputs[0] && inputs[0][0];
    if (channel) {
      for (let i = 0; i < channel.length; i++) {
        this.block[this.filled++] = channel[i];
        if (this.filled === this.block.length) this.flush();
      }
    }
    return true;
  }
}

registerProcessor('pcm-recorder', PcmRecorder);
