// QR codes from the camera: the browser's BarcodeDetector where it exists (Android, macOS, ChromeOS), the vendored
// jsQR decoder on video frames elsewhere (desktop Linux and Windows Chromium, Firefox).

/** Decodes one frame with jsQR (exposed for a still image too). */
export function decodeFrame(canvas, source, width, height) {
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  context.drawImage(source, 0, 0, width, height);
  const found = globalThis.jsQR(context.getImageData(0, 0, width, height).data, width, height, { inversionAttempts: 'dontInvert' });
  return found?.data || null;
}

/** Starts the camera; calls onText once per code read. Answers a stop function. */
export async function startCamera(video, onText, onStop) {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  video.srcObject = stream;
  await video.play();
  const detector = 'BarcodeDetector' in globalThis && (await BarcodeDetector.getSupportedFormats()).includes('qr_code')
    ? new BarcodeDetector({ formats: ['qr_code'] }) : null;
  const canvas = document.createElement('canvas');
  let running = true;
  const stop = () => {
    if (!running) return;
    running = false;
    stream.getTracks().forEach((track) => track.stop());
    video.srcObject = null;
    onStop();
  };
  const tick = async () => {
    if (!running) return;
    if (video.readyState >= 2 && video.videoWidth > 0) {
      const text = detector ? (await detector.detect(video))[0]?.rawValue
        : decodeFrame(canvas, video, video.videoWidth, video.videoHeight);
      if (text && running) {
        onText(text);
        return;
      }
    }
    setTimeout(tick, 120);
  };
  tick();
  return stop;
}
