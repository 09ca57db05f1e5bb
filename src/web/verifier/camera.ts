// The camera: the rear camera that focuses close (not the ultra-wide), a choice of camera remembered on
// this device, the torch where the device has one, continuous focus where supported, and a scan loop that
// hands one frame at a time to the decoder (the next only when the last is done), so the page never stalls.

import type { Decoder } from './decoder.js';

const STORE_CAMERA = 'nbr.camera';
// Frames go to the decoder at most this large (long side): 1280x720 is what bench/scan.ts measures.
const MAX_SIDE = 1280;

// Labels of lenses that cannot focus at arm's length: ultra-wide ("0.5x") and telephoto.
const UNSUITABLE = /ultra|0[.,]5|tele|depth|infrared|\bir\b/i;
const REAR = /back|rear|environment|задн|arrière|rück|tyln|trasera|posteriore/i;

interface TorchCapabilities extends MediaTrackCapabilities {
  torch?: boolean;
  focusMode?: string[];
}

export class Camera {
  private stream: MediaStream | undefined;
  private frameNo = 0;
  private running = false;
  private readonly canvas = document.createElement('canvas');
  private torchOn = false;

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly decoder: Decoder,
    private readonly onText: (text: string) => void,
  ) {}

  get active(): boolean {
    return this.stream !== undefined;
  }

  /** Starts the chosen (or best) camera. Throws when there is none or permission is refused. */
  async start(deviceId = localStorage.getItem(STORE_CAMERA) ?? undefined): Promise<void> {
    this.stop();
    const size = { width: { ideal: 1280 }, height: { ideal: 720 } };
    const video: MediaTrackConstraints = deviceId
      ? { deviceId: { exact: deviceId }, ...size }
      : { facingMode: { ideal: 'environment' }, ...size };
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({ video, audio: false });
    } catch (e) {
      // A remembered camera that is gone (another phone, unplugged): forget it and take the default.
      if (!deviceId) throw e;
      localStorage.removeItem(STORE_CAMERA);
      this.stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: { ideal: 'environment' }, ...size },
        audio: false,
      });
    }
    // Labels are readable only now that permission is granted: move off an ultra-wide default.
    if (!deviceId) {
      const better = await this.bestRear();
      const current = this.track()?.getSettings().deviceId;
      if (better && better !== current) return this.start(better);
    }
    const track = this.track();
    const caps = (track?.getCapabilities?.() ?? {}) as TorchCapabilities;
    if (caps.focusMode?.includes('continuous'))
      await track!
        .applyConstraints({ advanced: [{ focusMode: 'continuous' } as MediaTrackConstraintSet] })
        .catch(() => undefined);
    this.video.srcObject = this.stream;
    await this.video.play();
    this.running = true;
    this.schedule();
  }

  /** Chooses a camera (remembered for the next visit). */
  async choose(deviceId: string): Promise<void> {
    localStorage.setItem(STORE_CAMERA, deviceId);
    await this.start(deviceId);
  }

  stop(): void {
    this.running = false;
    this.torchOn = false;
    this.stream?.getTracks().forEach((t) => t.stop());
    this.stream = undefined;
    this.video.srcObject = null;
  }

  async cameras(): Promise<MediaDeviceInfo[]> {
    const all = await navigator.mediaDevices.enumerateDevices().catch(() => []);
    return all.filter((d) => d.kind === 'videoinput');
  }

  currentDevice(): string | undefined {
    return this.track()?.getSettings().deviceId;
  }

  hasTorch(): boolean {
    return ((this.track()?.getCapabilities?.() ?? {}) as TorchCapabilities).torch === true;
  }

  torch(): boolean {
    return this.torchOn;
  }

  async setTorch(on: boolean): Promise<void> {
    const track = this.track();
    if (!track) return;
    await track.applyConstraints({ advanced: [{ torch: on } as MediaTrackConstraintSet] });
    this.torchOn = on;
  }

  private track(): MediaStreamTrack | undefined {
    return this.stream?.getVideoTracks()[0];
  }

  private async bestRear(): Promise<string | undefined> {
    const cams = await this.cameras();
    const rear = cams.filter((c) => REAR.test(c.label) && !UNSUITABLE.test(c.label));
    // Android lists the main rear camera first ("camera2 0, facing back").
    return rear[0]?.deviceId;
  }

  /** The next frame, when the video has one (or shortly, where requestVideoFrameCallback is missing). */
  private schedule(): void {
    if (!this.running) return;
    const v = this.video as HTMLVideoElement & { requestVideoFrameCallback?: (cb: () => void) => number };
    if (v.requestVideoFrameCallback) v.requestVideoFrameCallback(() => void this.tick());
    else setTimeout(() => void this.tick(), 60);
  }

  /** One frame to the decoder; the next is scheduled only once it has answered. */
  private async tick(): Promise<void> {
    const v = this.video;
    if (!this.running) return;
    if (v.videoWidth === 0) return this.schedule();
    const scale = Math.min(1, MAX_SIDE / Math.max(v.videoWidth, v.videoHeight));
    this.canvas.width = Math.round(v.videoWidth * scale);
    this.canvas.height = Math.round(v.videoHeight * scale);
    const ctx = this.canvas.getContext('2d', { willReadFrequently: true })!;
    ctx.drawImage(v, 0, 0, this.canvas.width, this.canvas.height);
    const image = ctx.getImageData(0, 0, this.canvas.width, this.canvas.height);
    const text = await this.decoder.frame(image, this.frameNo++);
    if (!this.running) return;
    if (text) {
      this.stop();
      this.onText(text);
      return;
    }
    this.schedule();
  }
}

/** A photo as ImageData, scaled down so that its long side is at most 1600 pixels. */
export async function photoPixels(file: Blob): Promise<ImageData> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, 1600 / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return ctx.getImageData(0, 0, canvas.width, canvas.height);
}
