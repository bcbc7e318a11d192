package vn.dossierpost.label;

/**
 * The runs of dark modules in a row of a barcode: each renderer draws one rectangle a run
 * instead of one a module.
 */
final class DarkRuns {

  /** Receives a run: its first module and how many modules it spans. */
  @FunctionalInterface
  interface Consumer<E extends Exception> {
    void run(int start, int length) throws E;
  }

  private DarkRuns() {
  }

  static <E extends Exception> void forEach(boolean[] modules, Consumer<E> consumer) throws E {
    for (int i = 0; i < modules.length; ) {
      if (!modules[i]) {
        i++;
        continue;
      }
      int end = i;
      while (end < modules.length && modules[end]) {
        end++;
      }
      consumer.run(i, end - i);
      i = end;
    }
  }
}
