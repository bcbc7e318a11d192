package vn.dossierpost.label;

import java.util.Arrays;
import java.util.zip.Adler32;

/**
 * A zlib stream for the rows of a 1-bit label image, written directly as one fixed-Huffman
 * deflate block (RFC 1950/1951). Labels are mostly paper and straight edges, so a greedy match
 * against just two places — the same bytes in the row above, and the byte just before — finds
 * nearly everything: whole repeated rows become one back-reference, runs of white a distance-1
 * copy. No other searching is done, which makes it several times faster than zlib's fastest
 * level and about as small for this kind of image.
 */
final class RowDeflater {

  private static final int[] LENGTH_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27,
      31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
  private static final int[] LENGTH_EXTRA = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3,
      3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
  private static final int[] DIST_BASE = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129,
      193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
  private static final int[] DIST_EXTRA = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7,
      8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};
  /** Fixed literal/length codes, bit-reversed for an LSB-first stream, and their lengths. */
  private static final int[] LIT_CODE = new int[288];
  private static final int[] LIT_BITS = new int[288];
  /** For each match length 3..258: bits to write (symbol code, then extra bits) and how many. */
  private static final int[] LEN_BITS_VALUE = new int[259];
  private static final int[] LEN_BITS_COUNT = new int[259];

  static {
    for (int s = 0; s < 288; s++) {
      int code;
      int bits;
      if (s < 144) {
        code = 0x30 + s;
        bits = 8;
      } else if (s < 256) {
        code = 0x190 + s - 144;
        bits = 9;
      } else if (s < 280) {
        code = s - 256;
        bits = 7;
      } else {
        code = 0xC0 + s - 280;
        bits = 8;
      }
      LIT_CODE[s] = reverse(code, bits);
      LIT_BITS[s] = bits;
    }
    for (int len = 3; len <= 258; len++) {
      int i = LENGTH_BASE.length - 1;
      while (LENGTH_BASE[i] > len) {
        i--;
      }
      int symbol = 257 + i;
      LEN_BITS_VALUE[len] = LIT_CODE[symbol] | (len - LENGTH_BASE[i]) << LIT_BITS[symbol];
      LEN_BITS_COUNT[len] = LIT_BITS[symbol] + LENGTH_EXTRA[i];
    }
  }

  private byte[] out;
  private int pos;
  private long bitBuffer;
  private int bitCount;

  private RowDeflater(byte[] out, int pos) {
    this.out = out;
    this.pos = pos;
  }

  /** Where a stream was written: the buffer (grown if it had to be) and the end position. */
  record Written(byte[] buffer, int end) {
  }

  /**
   * Appends the zlib stream of the PNG scanlines (filter byte 0, then the row) of
   * {@code raster} to {@code out} from {@code offset}.
   */
  static Written deflate(BitRaster raster, byte[] out, int offset) {
    int stride = raster.stride();
    byte[] bits = raster.bits();
    RowDeflater w = new RowDeflater(out, offset);
    w.ensure(2);
    w.out[w.pos++] = 0x78;
    w.out[w.pos++] = 0x01;
    w.write(0b011, 3);
    int rowLength = stride + 1;
    int[] rowDistance = distanceBits(rowLength);
    int[] oneDistance = distanceBits(1);
    Adler32 adler = new Adler32();
    byte[] zero = {0};
    byte[] white = new byte[stride];
    Arrays.fill(white, (byte) 0xFF);
    for (int row = 0; row < raster.height(); row++) {
      int start = row * stride;
      adler.update(zero, 0, 1);
      adler.update(bits, start, stride);
      int above = start - stride;
      int c = -1;
      while (c < stride) {
        if (row > 0) {
          int from = Math.max(c, 0);
          int mismatch = Arrays.mismatch(bits, start + from, start + stride, bits, above + from,
              above + stride);
          int k = mismatch < 0 ? stride : from + mismatch;
          int upLength = k - c;
          if (upLength >= 3) {
            w.copy(upLength, rowDistance);
            c = k;
            continue;
          }
        }
        if (c == -1) {
          w.literal(0);
          c = 0;
          continue;
        }
        byte previous = c == 0 ? 0 : bits[start + c - 1];
        int k;
        if (previous == (byte) 0xFF) {
          int mismatch = Arrays.mismatch(bits, start + c, start + stride, white, 0, stride - c);
          k = mismatch < 0 ? stride : c + mismatch;
        } else {
          k = c;
          while (k < stride && bits[start + k] == previous) {
            k++;
          }
        }
        if (k - c >= 3) {
          w.copy(k - c, oneDistance);
          c = k;
        } else {
          w.literal(bits[start + c] & 0xFF);
          c++;
        }
      }
    }
    w.write(LIT_CODE[256], LIT_BITS[256]);
    w.flushBits();
    long sum = adler.getValue();
    w.ensure(4);
    w.out[w.pos++] = (byte) (sum >>> 24);
    w.out[w.pos++] = (byte) (sum >>> 16);
    w.out[w.pos++] = (byte) (sum >>> 8);
    w.out[w.pos++] = (byte) sum;
    return new Written(w.out, w.pos);
  }

  /** The bits of a distance code with its extra bits: {value, count}. */
  private static int[] distanceBits(int distance) {
    int i = DIST_BASE.length - 1;
    while (DIST_BASE[i] > distance) {
      i--;
    }
    return new int[] {reverse(i, 5) | (distance - DIST_BASE[i]) << 5, 5 + DIST_EXTRA[i]};
  }

  private void literal(int b) {
    write(LIT_CODE[b], LIT_BITS[b]);
  }

  /** A back-reference of {@code length} bytes, split into pieces of at most 258. */
  private void copy(int length, int[] distance) {
    while (length > 0) {
      int piece = Math.min(length, 258);
      if (length - piece > 0 && length - piece < 3) {
        piece = length - 3;
      }
      write(LEN_BITS_VALUE[piece], LEN_BITS_COUNT[piece]);
      write(distance[0], distance[1]);
      length -= piece;
    }
  }

  private void write(int value, int count) {
    bitBuffer |= (long) value << bitCount;
    bitCount += count;
    if (bitCount >= 32) {
      if (pos + 4 > out.length) {
        ensure(4);
      }
      out[pos++] = (byte) bitBuffer;
      out[pos++] = (byte) (bitBuffer >>> 8);
      out[pos++] = (byte) (bitBuffer >>> 16);
      out[pos++] = (byte) (bitBuffer >>> 24);
      bitBuffer >>>= 32;
      bitCount -= 32;
    }
  }

  private void flushBits() {
    while (bitCount > 0) {
      ensure(1);
      out[pos++] = (byte) bitBuffer;
      bitBuffer >>>= 8;
      bitCount -= 8;
    }
    bitCount = 0;
    bitBuffer = 0;
  }

  private void ensure(int more) {
    if (pos + more > out.length) {
      out = Arrays.copyOf(out, Math.max(out.length * 2, pos + more));
    }
  }

  private static int reverse(int code, int bits) {
    return Integer.reverse(code) >>> (32 - bits);
  }
}
