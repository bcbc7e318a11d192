package vn.dossierpost.label;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Writes a {@link BitRaster} as a 1-bit greyscale PNG, rows as they are (filter 0), compressed
 * by {@link RowDeflater}, with the resolution in a pHYs chunk so that printing it gives the
 * right physical size.
 */
public final class PngEncoder {

  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  private PngEncoder() {
  }

  public static byte[] encode(BitRaster raster, int dpi) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    out.writeBytes(SIGNATURE);
    ByteBuffer ihdr = ByteBuffer.allocate(13);
    ihdr.putInt(raster.width()).putInt(raster.height()).put((byte) 1).put((byte) 0)
        .put((byte) 0).put((byte) 0).put((byte) 0);
    chunk(out, "IHDR", ihdr.array(), 13);
    int perMetre = Math.round(dpi / 0.0254f);
    ByteBuffer phys = ByteBuffer.allocate(9);
    phys.putInt(perMetre).putInt(perMetre).put((byte) 1);
    chunk(out, "pHYs", phys.array(), 9);
    byte[] idat = RowDeflater.deflate(raster);
    chunk(out, "IDAT", idat, idat.length);
    chunk(out, "IEND", new byte[0], 0);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data, int length) {
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    out.write(length >>> 24);
    out.write(length >>> 16);
    out.write(length >>> 8);
    out.write(length);
    out.writeBytes(typeBytes);
    out.write(data, 0, length);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data, 0, length);
    long value = crc.getValue();
    out.write((int) (value >>> 24));
    out.write((int) (value >>> 16));
    out.write((int) (value >>> 8));
    out.write((int) value);
  }
}
