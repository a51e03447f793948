import QRCode from "qrcode";

/** A QR code as an image address for <img src>: for paper, and for a code app to scan. */
export async function qrImage(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}
