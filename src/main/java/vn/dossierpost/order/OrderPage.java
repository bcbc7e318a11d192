package vn.dossierpost.order;

import java.util.List;
import java.util.Optional;

/** One page of a keyset-paged list. */
public record OrderPage(List<Order> items, Optional<PageCursor> next) {
}
