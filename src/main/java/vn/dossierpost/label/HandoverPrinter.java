package vn.dossierpost.label;

import io.vertx.core.Future;

/** Renders post → desk handover records as PDF, off the event loop. */
public final class HandoverPrinter {

  private final HandoverDocument document;
  private final PdfRenderer pdf;
  private final RenderPool renderPool;

  public HandoverPrinter(Labels labels, RenderPool renderPool) {
    this.document = new HandoverDocument(labels.composer());
    this.pdf = labels.pdf();
    this.renderPool = renderPool;
  }

  public Future<Rendered> pdf(HandoverRecord record) {
    return renderPool.submit(() -> new Rendered(
        pdf.render(document.pages(record), "Biên bản giao nhận " + record.code()),
        LabelFormat.PDF.contentType(), "bien-ban-giao-nhan-" + record.code() + ".pdf"));
  }
}
