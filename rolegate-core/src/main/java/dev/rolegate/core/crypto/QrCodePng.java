package dev.rolegate.core.crypto;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;

/**
 * A QR code as a PNG image: ZXing makes the modules (error correction M, a 4-module quiet zone),
 * this class writes them as an 8-bit grayscale PNG, {@link #MODULE_PIXELS} pixels per module (no
 * AWT).
 */
public final class QrCodePng {
  public static final int MODULE_PIXELS = 6;
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  private QrCodePng() {}

  public static byte[] encode(String text) {
    BitMatrix modules;
    try {
      modules =
          new QRCodeWriter()
              .encode(
                  text,
                  BarcodeFormat.QR_CODE,
                  0,
                  0,
                  Map.of(
                      EncodeHintType.ERROR_CORRECTION,
                      ErrorCorrectionLevel.M,
                      EncodeHintType.MARGIN,
                      4,
                      EncodeHintType.CHARACTER_SET,
                      StandardCharsets.UTF_8.name()));
    } catch (WriterException e) {
      throw new IllegalArgumentException(
          "cannot encode a QR code of " + text.length() + " characters", e);
    }
    int width = modules.getWidth() * MODULE_PIXELS;
    int height = modules.getHeight() * MODULE_PIXELS;
    try {
      ByteArrayOutputStream raw = new ByteArrayOutputStream();
      try (DeflaterOutputStream z = new DeflaterOutputStream(raw)) {
        byte[] row = new byte[width + 1]; // filter type 0 (None), then one gray byte per pixel
        for (int y = 0; y < height; y++) {
          for (int x = 0; x < width; x++) {
            row[x + 1] = modules.get(x / MODULE_PIXELS, y / MODULE_PIXELS) ? 0 : (byte) 0xFF;
          }
          z.write(row);
        }
      }
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      png.write(SIGNATURE);
      ByteArrayOutputStream header = new ByteArrayOutputStream();
      DataOutputStream h = new DataOutputStream(header);
      h.writeInt(width);
      h.writeInt(height);
      h.write(
          new byte[] {
            8, 0, 0, 0, 0
          }); // bit depth 8, grayscale, deflate, adaptive filtering, no interlace
      chunk(png, "IHDR", header.toByteArray());
      chunk(png, "IDAT", raw.toByteArray());
      chunk(png, "IEND", new byte[0]);
      return png.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in-memory streams do not fail
    }
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data)
      throws IOException {
    DataOutputStream d = new DataOutputStream(out);
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    d.writeInt(data.length);
    d.write(t);
    d.write(data);
    d.writeInt((int) crc.getValue());
  }
}
