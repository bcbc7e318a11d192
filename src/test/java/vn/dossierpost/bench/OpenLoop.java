package vn.dossierpost.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.HdrHistogram.Histogram;

/**
 * Requests at a fixed rate, whatever the answers do (open loop), from one thread with plain
 * non-blocking sockets: request n is due at {@code start + n / rate}, and its latency counts
 * from then, so a stall of the service is charged to every request it delayed. Lean on
 * purpose: on a two-core machine the generator's own pauses and CPU would otherwise show in the
 * tail it measures. So every request of a run is made before it starts (signed, for the
 * webhooks), into a file mapped into memory, and sent from there, as wrk sends the files of
 * signed requests it is given: the run neither signs nor leaves the garbage of signing. (The
 * generator still takes a fifth to a quarter of a core at 8,000 to 10,000 requests a second, as
 * it did when it signed on the way: nearly all of it is the sockets' own work in the kernel.)
 * HTTP/1.1 keep-alive, one request at a time per connection, answers with a Content-Length or
 * chunked.
 */
public final class OpenLoop {

  private static final int MAX_WAITING = 10_000;

  private record Due(long n, long at) {
  }

  private static final class Conn {
    final SocketChannel channel;
    final SelectionKey key;
    ByteBuffer out;
    ByteBuffer in = ByteBuffer.allocate(64 * 1024);
    Due current;

    Conn(SocketChannel channel, SelectionKey key) {
      this.channel = channel;
      this.key = key;
    }
  }

  private OpenLoop() {
  }

  /**
   * Sends {@code perSecond × duration} requests to {@code host:port}; {@code request} gives the
   * bytes of request n (a complete HTTP/1.1 request). Non-2xx answers and requests that found
   * {@value #MAX_WAITING} others waiting count as errors.
   */
  public static HttpLoad.Result run(String host, int port, LongFunction<byte[]> request, double perSecond,
      Duration duration, int connections) {
    return run(host, port, request, perSecond, Duration.ZERO, duration, connections).run();
  }

  /** A run after its warm-up, and the warm-up's own figures. */
  public record Warmed(HttpLoad.Result warmup, HttpLoad.Result run) {
  }

  /**
   * As {@link #run(String, int, LongFunction, double, Duration, int)}, after a warm-up of
   * {@code warmup} at the same rate on the same connections, which the result leaves out (as
   * wrk2 leaves out its calibration period): the run is then measured in a steady state, not
   * while connections, threads and compiled code settle. The warm-up's own figures come with it
   * (its errors are the run's).
   */
  public static Warmed run(String host, int port, LongFunction<byte[]> request, double perSecond,
      Duration warmup, Duration duration, int connections) {
    try {
      Runner runner = new Runner(host, port, request, perSecond, warmup, duration, connections);
      HttpLoad.Result run = runner.run();
      return new Warmed(runner.result(runner.warmupHistogram, 0, warmup.toNanos() / 1e9), run);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The bytes of a GET with the given extra header lines (each ending in CRLF). */
  public static byte[] get(String host, int port, String path, String headers) {
    return ("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n" + headers + "\r\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The bytes of a POST of {@code body} with the given extra header lines (each ending in CRLF). */
  public static byte[] post(String host, int port, String path, String headers, byte[] body) {
    byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n" + headers
        + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[head.length + body.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return all;
  }

  /**
   * The bytes of requests 0 to {@code count - 1}, one after another in a temporary file mapped
   * into memory (off the heap: a run at 10,000 signed events a second holds some 120 MB), with
   * where each one starts.
   */
  private record Prepared(MappedByteBuffer bytes, int[] starts, Path file) implements AutoCloseable {

    static Prepared of(LongFunction<byte[]> request, long count) throws IOException {
      Path file = Files.createTempFile("open-loop", ".bin");
      file.toFile().deleteOnExit();
      int[] starts = new int[Math.addExact(Math.toIntExact(count), 1)];
      try (var out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
        long at = 0;
        for (int n = 0; n < count; n++) {
          byte[] one = request.apply(n);
          out.write(one);
          at += one.length;
          if (at > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the requests of one run take more than 2 GB");
          }
          starts[n + 1] = (int) at;
        }
      }
      try (var channel = FileChannel.open(file, StandardOpenOption.READ)) {
        MappedByteBuffer bytes =
            channel.map(FileChannel.MapMode.READ_ONLY, 0, starts[starts.length - 1]);
        // Read in now, not page by page while the run measures.
        bytes.load();
        return new Prepared(bytes, starts, file);
      }
    }

    ByteBuffer get(long n) {
      int i = (int) n;
      return bytes.slice(starts[i], starts[i + 1] - starts[i]);
    }

    @Override
    public void close() throws IOException {
      Files.deleteIfExists(file);
    }
  }

  private static final class Runner {
    final InetSocketAddress address;
    final Prepared requests;
    final double interval;
    final long total;
    final Duration duration;
    final Selector selector;
    final List<Conn> idle = new ArrayList<>();
    final ArrayDeque<Due> waiting = new ArrayDeque<>();
    final Histogram histogram = new Histogram(60_000_000_000L, 3);
    final Histogram warmupHistogram = new Histogram(60_000_000_000L, 3);
    final Duration warmup;
    long errors;
    long next;
    long finished;

    Runner(String host, int port, LongFunction<byte[]> request, double perSecond, Duration warmup,
        Duration duration, int connections) throws IOException {
      this.address = new InetSocketAddress(host, port);
      this.interval = 1e9 / perSecond;
      this.total = (long) (perSecond * warmup.plus(duration).toNanos() / 1e9);
      this.requests = Prepared.of(request, total);
      this.warmup = warmup;
      this.duration = duration;
      this.selector = Selector.open();
      for (int i = 0; i < connections; i++) {
        idle.add(connect());
      }
    }

    Conn connect() throws IOException {
      SocketChannel channel = SocketChannel.open(address);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      channel.configureBlocking(false);
      SelectionKey key = channel.register(selector, 0);
      Conn conn = new Conn(channel, key);
      key.attach(conn);
      return conn;
    }

    /**
     * The worst latency of the requests due in each quarter of a second: a tail made of a few
     * long stalls shows as a run of bad windows, one spread evenly as noise everywhere.
     */
    static final long WINDOW_NANOS = 250_000_000L;
    static final int WINDOWS = 480;
    final long[] worst = new long[WINDOWS];
    long started;
    /** When the requests counted in the result are due from: the end of the warm-up. */
    long measuredFrom;

    HttpLoad.Result run() throws IOException {
      // The generator's own heap is emptied first: the garbage of what ran before (signing
      // files of requests for wrk) otherwise made its first collection in the run a 36 ms pause,
      // charged to every request due meanwhile.
      System.gc();
      long start = System.nanoTime();
      started = start;
      measuredFrom = start + warmup.toNanos();
      long deadline = measuredFrom + duration.toNanos() + 30_000_000_000L;
      while (finished < total && System.nanoTime() < deadline) {
        long now = System.nanoTime();
        while (next < total && start + (long) (next * interval) <= now) {
          Due due = new Due(next, start + (long) (next * interval));
          next++;
          if (waiting.size() >= MAX_WAITING) {
            errors++;
            finished++;
          } else {
            waiting.add(due);
          }
        }
        while (!waiting.isEmpty() && !idle.isEmpty()) {
          send(idle.remove(idle.size() - 1), waiting.poll());
        }
        // Sleep until the next request is due or an answer comes (epoll's resolution: 1 ms).
        long untilNext = next < total ? start + (long) (next * interval) - System.nanoTime() : 1_000_000_000;
        if (untilNext <= 0 && !idle.isEmpty()) {
          selector.selectNow();
        } else {
          selector.select(Math.max(1, Math.min(1_000, untilNext / 1_000_000)));
        }
        for (SelectionKey key : selector.selectedKeys()) {
          Conn conn = (Conn) key.attachment();
          if (key.isValid() && key.isWritable()) {
            write(conn);
          }
          if (key.isValid() && key.isReadable()) {
            read(conn);
          }
        }
        selector.selectedKeys().clear();
      }
      selector.close();
      requests.close();
      StringBuilder windows = new StringBuilder("  worst latency per 250 ms of schedule, ms:");
      for (int i = 0; i < WINDOWS && started + i * WINDOW_NANOS < measuredFrom + duration.toNanos(); i++) {
        windows.append(i > 0 && started + i * WINDOW_NANOS == measuredFrom ? " |" : "")
            .append(' ').append(worst[i] / 1_000_000);
      }
      System.out.println(windows);
      return result(histogram, errors, (System.nanoTime() - measuredFrom) / 1e9);
    }

    HttpLoad.Result result(Histogram h, long errors, double seconds) {
      return new HttpLoad.Result(h.getTotalCount(), errors, seconds, h.getTotalCount() / seconds,
          h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6,
          h.getValueAtPercentile(99.9) / 1e6, h.getMaxValue() / 1e6);
    }

    void send(Conn conn, Due due) throws IOException {
      conn.current = due;
      conn.out = requests.get(due.n());
      conn.in.clear();
      write(conn);
    }

    void write(Conn conn) throws IOException {
      conn.channel.write(conn.out);
      conn.key.interestOps(conn.out.hasRemaining() ? SelectionKey.OP_WRITE | SelectionKey.OP_READ
          : SelectionKey.OP_READ);
    }

    void read(Conn conn) throws IOException {
      if (!conn.in.hasRemaining()) {
        ByteBuffer bigger = ByteBuffer.allocate(conn.in.capacity() * 2);
        conn.in.flip();
        bigger.put(conn.in);
        conn.in = bigger;
      }
      int n;
      try {
        n = conn.channel.read(conn.in);
      } catch (IOException reset) {
        n = -1;
      }
      if (n < 0) {
        // The service closed the connection: the request in flight failed; open a new one.
        conn.key.cancel();
        conn.channel.close();
        if (conn.current != null) {
          errors++;
          finished++;
        }
        idle.add(connect());
        return;
      }
      int status = complete(conn.in);
      if (status > 0) {
        long latency = System.nanoTime() - conn.current.at();
        (conn.current.at() < measuredFrom ? warmupHistogram : histogram)
            .recordValue(Math.min(latency, histogram.getHighestTrackableValue()));
        int window = (int) Math.min(WINDOWS - 1, (conn.current.at() - started) / WINDOW_NANOS);
        worst[window] = Math.max(worst[window], latency);
        finished++;
        if (status / 100 != 2) {
          errors++;
        }
        conn.current = null;
        conn.key.interestOps(0);
        idle.add(conn);
      }
    }

    /** The status code once a whole answer is in the buffer, else 0. */
    static int complete(ByteBuffer in) {
      byte[] a = in.array();
      int length = in.position();
      int headEnd = -1;
      for (int i = 3; i < length; i++) {
        if (a[i] == '\n' && a[i - 1] == '\r' && a[i - 2] == '\n' && a[i - 3] == '\r') {
          headEnd = i + 1;
          break;
        }
      }
      if (headEnd < 0) {
        return 0;
      }
      String head = new String(a, 0, headEnd, StandardCharsets.ISO_8859_1);
      int status = Integer.parseInt(head.substring(9, 12));
      String lower = head.toLowerCase(java.util.Locale.ROOT);
      int at = lower.indexOf("\r\ncontent-length:");
      if (at >= 0) {
        int end = lower.indexOf("\r\n", at + 2);
        long bodyLength = Long.parseLong(lower.substring(at + 17, end).trim());
        return length - headEnd >= bodyLength ? status : 0;
      }
      if (lower.contains("\r\ntransfer-encoding: chunked")) {
        return length >= headEnd + 5 && a[length - 5] == '0' && a[length - 4] == '\r'
            && a[length - 3] == '\n' && a[length - 2] == '\r' && a[length - 1] == '\n' ? status : 0;
      }
      return status;
    }
  }
}
