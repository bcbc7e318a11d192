package vn.dossierpost.label;

import java.util.Arrays;

/**
 * A 1-bit image packed eight pixels to a byte, rows padded to whole bytes, most significant bit
 * first — the layout of a 1-bit greyscale PNG row, so it is written out without conversion.
 * A set bit is white (paper); drawing clears bits.
 */
public final class BitRaster {

  private final int width;
  private final int height;
  private final int stride;
  private final byte[] bits;

  public BitRaster(int width, int height) {
    this.width = width;
    this.height = height;
    this.stride = (width + 7) >>> 3;
    this.bits = new byte[stride * height];
    Arrays.fill(bits, (byte) 0xFF);
  }

  /** Back to blank paper. */
  public void clear() {
    Arrays.fill(bits, (byte) 0xFF);
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public int stride() {
    return stride;
  }

  /** The packed rows: {@code stride} bytes per row. */
  public byte[] bits() {
    return bits;
  }

  public boolean isInk(int x, int y) {
    return (bits[y * stride + (x >>> 3)] & (0x80 >>> (x & 7))) == 0;
  }

  /** Paints a rectangle black, clipped to the raster, a byte at a time. */
  public void fill(int x, int y, int w, int h) {
    int x0 = Math.max(0, x);
    int x1 = Math.min(width, x + w);
    int y0 = Math.max(0, y);
    int y1 = Math.min(height, y + h);
    if (x0 >= x1 || y0 >= y1) {
      return;
    }
    int firstByte = x0 >>> 3;
    int lastByte = (x1 - 1) >>> 3;
    int firstMask = 0xFF >>> (x0 & 7);
    int lastMask = 0xFF << (7 - ((x1 - 1) & 7)) & 0xFF;
    for (int row = y0; row < y1; row++) {
      int base = row * stride;
      if (firstByte == lastByte) {
        bits[base + firstByte] &= (byte) ~(firstMask & lastMask);
      } else {
        bits[base + firstByte] &= (byte) ~firstMask;
        if (lastByte - firstByte > 1) {
          Arrays.fill(bits, base + firstByte + 1, base + lastByte, (byte) 0);
        }
        bits[base + lastByte] &= (byte) ~lastMask;
      }
    }
  }

  /**
   * Paints packed ink (set bit = ink, {@code rowBytes} per row) with its top-left corner at
   * (x, y), shifting whole bytes into place.
   */
  public void blit(byte[] ink, int rowBytes, int inkWidth, int inkHeight, int x, int y) {
    int shift = x & 7;
    for (int r = 0; r < inkHeight; r++) {
      int row = y + r;
      if (row < 0 || row >= height) {
        continue;
      }
      int base = row * stride;
      int src = r * rowBytes;
      for (int b = 0; b < rowBytes; b++) {
        int v = ink[src + b] & 0xFF;
        if (v == 0) {
          continue;
        }
        int column = (x >> 3) + b;
        int hi = v >>> shift;
        int lo = (v << (8 - shift)) & 0xFF;
        if (column >= 0 && column < stride) {
          bits[base + column] &= (byte) ~hi;
        }
        if (shift != 0 && column + 1 >= 0 && column + 1 < stride) {
          bits[base + column + 1] &= (byte) ~lo;
        }
      }
    }
  }
}
