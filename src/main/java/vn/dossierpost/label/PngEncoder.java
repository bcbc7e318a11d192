package vn.dossierpost.label;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Writes a {@link BitRaster} as a 1-bit greyscale PNG, rows as they are (filter 0), compressed
 * by {@link RowDeflater}, with the resolution in a pHYs chunk so that printing it gives the
 * right physical size.
 */
final class PngEncoder {

  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  private PngEncoder() {
  }

  public static byte[] encode(BitRaster raster, int dpi) {
    byte[] out = new byte[64 + raster.height() * raster.stride() / 5];
    System.arraycopy(SIGNATURE, 0, out, 0, SIGNATURE.length);
    int pos = SIGNATURE.length;
    ByteBuffer ihdr = ByteBuffer.allocate(13);
    ihdr.putInt(raster.width()).putInt(raster.height()).put((byte) 1).put((byte) 0)
        .put((byte) 0).put((byte) 0).put((byte) 0);
    pos = chunk(out, pos, "IHDR", ihdr.array());
    int perMetre = Math.round(dpi / 0.0254f);
    ByteBuffer phys = ByteBuffer.allocate(9);
    phys.putInt(perMetre).putInt(perMetre).put((byte) 1);
    pos = chunk(out, pos, "pHYs", phys.array());
    int idat = pos;
    RowDeflater.Written written = RowDeflater.deflate(raster, out, idat + 8);
    out = written.buffer();
    int length = written.end() - idat - 8;
    putInt(out, idat, length);
    put(out, idat + 4, "IDAT");
    out = ensure(out, written.end() + 4 + 12);
    pos = crc(out, idat + 4, length + 4, written.end());
    pos = chunk(out, pos, "IEND", new byte[0]);
    return Arrays.copyOf(out, pos);
  }

  /** Writes a whole chunk at {@code pos}; answers the position after it. */
  private static int chunk(byte[] out, int pos, String type, byte[] data) {
    putInt(out, pos, data.length);
    put(out, pos + 4, type);
    System.arraycopy(data, 0, out, pos + 8, data.length);
    return crc(out, pos + 4, data.length + 4, pos + 8 + data.length);
  }

  /** The CRC of {@code length} bytes from {@code from}, written at {@code at}. */
  private static int crc(byte[] out, int from, int length, int at) {
    CRC32 crc = new CRC32();
    crc.update(out, from, length);
    putInt(out, at, (int) crc.getValue());
    return at + 4;
  }

  private static void put(byte[] out, int pos, String type) {
    for (int i = 0; i < 4; i++) {
      out[pos + i] = (byte) type.charAt(i);
    }
  }

  private static void putInt(byte[] out, int pos, int value) {
    out[pos] = (byte) (value >>> 24);
    out[pos + 1] = (byte) (value >>> 16);
    out[pos + 2] = (byte) (value >>> 8);
    out[pos + 3] = (byte) value;
  }

  private static byte[] ensure(byte[] out, int size) {
    return size <= out.length ? out : Arrays.copyOf(out, size);
  }
}
