// The site icon browsers ask for (`GET /favicon.ico`): a 16×16 ICO built once from the pattern below, so the
// explorer's first request is not a 404 in the log. 32-bit pixels with alpha; no file to ship or keep in step.
import type { Express } from "express";

// '#' ink, '+' face, '.' transparent: a rounded tile with a "d" (row 0 is the top).
const PATTERN = [
  "................",
  "..++++++++++++..",
  ".++++++++++++++.",
  ".+++++++++##+++.",
  ".+++++++++##+++.",
  ".+++++++++##+++.",
  ".++++######+#++.",
  ".+++##++++##+++.",
  ".++##+++++##+++.",
  ".++##+++++##+++.",
  ".++##+++++##+++.",
  ".+++##+++###+++.",
  ".++++#####+##++.",
  ".++++++++++++++.",
  "..++++++++++++..",
  "................",
];
const INK = [0xff, 0xff, 0xff, 0xff]; // BGRA: white
const FACE = [0x8a, 0x3b, 0x1e, 0xff]; // BGRA: #1e3b8a, a deep blue
const CLEAR = [0, 0, 0, 0];

/** An ICO file holding one 16×16 32-bit image (a BITMAPINFOHEADER DIB, rows bottom-up, then the AND mask). */
export function buildFavicon(pattern: readonly string[] = PATTERN): Buffer {
  const size = 16;
  if (pattern.length !== size || pattern.some((row) => row.length !== size)) {
    throw new Error("favicon pattern must be 16 rows of 16 characters");
  }
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    const row = pattern[size - 1 - y]; // DIB rows run bottom-up
    for (let x = 0; x < size; x++) {
      const colour = row[x] === "#" ? INK : row[x] === "+" ? FACE : CLEAR;
      pixels.set(colour, (y * size + x) * 4);
    }
  }
  const mask = Buffer.alloc(size * 4); // 1 bit per pixel, rows padded to 32 bits; alpha decides, so all 0
  const dib = Buffer.alloc(40);
  dib.writeUInt32LE(40, 0); // header size
  dib.writeInt32LE(size, 4); // width
  dib.writeInt32LE(size * 2, 8); // height: XOR image + AND mask
  dib.writeUInt16LE(1, 12); // planes
  dib.writeUInt16LE(32, 14); // bits per pixel
  dib.writeUInt32LE(pixels.length + mask.length, 20); // image size
  const image = Buffer.concat([dib, pixels, mask]);
  const header = Buffer.alloc(6 + 16);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(size, 6); // width
  header.writeUInt8(size, 7); // height
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(image.length, 14); // bytes of the image
  header.writeUInt32LE(header.length, 18); // where it starts
  return Buffer.concat([header, image]);
}

export function mountFavicon(app: Express): void {
  const icon = buildFavicon();
  app.get("/favicon.ico", (_req, res) => {
    res.setHeader("content-type", "image/x-icon");
    res.setHeader("cache-control", "public, max-age=86400");
    res.end(icon);
  });
}
