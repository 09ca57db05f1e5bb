// A photo as the clerk takes it (a phone's 12-megapixel JPEG, a webcam still, a landscape shot) made into
// what the registry takes (issue 23): JPEG or PNG, at most 2 MiB, taller than wide. Done in the browser, so the
// person's full-size photo never leaves the desk: turned upright by its EXIF orientation, a landscape shot
// cropped to a centred 3:4 portrait, then shrunk to at most 1200 x 1600 pixels and sent as JPEG. A file that
// already fits is sent as it is. The server still checks everything (services/registry/applicants.ts setPhoto).

const MAX_BYTES = 2 * 1024 * 1024;
const MAX_WIDTH = 1200;
const MAX_HEIGHT = 1600;

export async function photoForUpload(file: File): Promise<{ type: string; data: Blob }> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return { type: file.type, data: file }; // not decodable here: the server says what is wrong with it
  }
  const fits =
    (file.type === 'image/jpeg' || file.type === 'image/png') &&
    file.size <= MAX_BYTES &&
    bitmap.height > bitmap.width &&
    bitmap.width <= MAX_WIDTH * 2;
  if (fits) {
    bitmap.close();
    return { type: file.type, data: file };
  }
  // A landscape shot: the centred 3:4 portrait of its full height (the clerk checks the sealed crop after).
  let sx = 0;
  let sw = bitmap.width;
  if (bitmap.width >= bitmap.height) {
    sw = Math.round((bitmap.height * 3) / 4);
    sx = Math.round((bitmap.width - sw) / 2);
  }
  const scale = Math.min(1, MAX_WIDTH / sw, MAX_HEIGHT / bitmap.height);
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(sw * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext('2d')!.drawImage(bitmap, sx, 0, sw, bitmap.height, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.9));
  return blob ? { type: 'image/jpeg', data: blob } : { type: file.type, data: file };
}
