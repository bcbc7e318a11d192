package vn.dossierpost.label;

import vn.dossierpost.order.Leg;

public final class Prof {
  public static void main(String[] args) throws Exception {
    Labels labels = Labels.load();
    LabelData data = SampleLabels.data(SampleLabels.order(Leg.DELIVERY, "EB100000003VN"));
    BitRaster r = labels.raster().render(labels.compose(data), 203);
    System.out.println("size " + PngEncoder.encode(r, 203).length);
    for (int round = 0; round < 3; round++) {
      long t = System.nanoTime(); int n = 0;
      while (System.nanoTime() - t < 1e9) { PngEncoder.encode(r, 203); n++; }
      System.out.println("png/s " + n);
      t = System.nanoTime(); n = 0;
      while (System.nanoTime() - t < 1e9) { labels.raster().png(labels.compose(data), 203); n++; }
      System.out.println("label png/s " + n);
    }
  }
}
