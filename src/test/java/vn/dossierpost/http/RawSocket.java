package vn.dossierpost.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A plain TCP client for what an HTTP client library will not send: heads that never end,
 * bodies that dribble, oversized lines. Every read is bounded by {@code soTimeout}.
 */
final class RawSocket implements AutoCloseable {

  private final Socket socket;

  private RawSocket(Socket socket) {
    this.socket = socket;
  }

  static RawSocket open(int port) throws IOException {
    return open("127.0.0.1", port);
  }

  static RawSocket open(String localAddress, int port) throws IOException {
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(localAddress, 0));
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    socket.setSoTimeout(10_000);
    return new RawSocket(socket);
  }

  /** Sends; false once the server has closed the connection. */
  boolean send(String text) {
    try {
      socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return true;
    } catch (IOException closed) {
      return false;
    }
  }

  /** Everything the server sends until it closes the connection (or the read times out). */
  String readUntilClosed() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[8192];
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException stillOpen) {
      return out.toString(StandardCharsets.UTF_8) + "\n<still open>";
    } catch (IOException reset) {
      // a reset ends the conversation as surely as a close
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** One response head and body of {@code Content-Length}, leaving the connection open. */
  String readResponse() throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed after " + head);
      }
      head.write(b);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    int length = 0;
    for (String line : text.split("\r\n")) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  void readTimeout(int ms) throws IOException {
    socket.setSoTimeout(ms);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already gone
    }
  }
}
