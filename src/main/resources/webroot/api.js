// The service's API as the pages use it: a key kept for this browser tab, problem+json errors.

export const STATUS = {
  AWAITING_RESULT: 'Chờ có kết quả', CREATED: 'Đang đặt', BOOKED: 'Đã đặt bưu điện', BOOKING_FAILED: 'Đặt không thành công',
  COLLECTED: 'Bưu điện đã nhận', COLLECTION_FAILED: 'Thu gom không thành công',
  IN_TRANSIT: 'Đang vận chuyển', OUT_FOR_DELIVERY: 'Đang phát', DELIVERY_FAILED: 'Phát không thành công',
  AWAITING_PICKUP: 'Chờ nhận tại bưu cục', DELIVERED: 'Đã giao', RETURNING: 'Đang chuyển hoàn',
  RETURNED: 'Đã chuyển hoàn', CANCELLED: 'Đã hủy', LOST: 'Thất lạc'
};
export const EVENT = {
  RESULT_AWAITED: 'Chờ có kết quả', RESULT_READY: 'Đã có kết quả, đặt bưu điện',
  BOOKING_CONFIRMED: 'Bưu điện xác nhận đơn', BOOKING_FAILED: 'Đặt đơn không thành công',
  COLLECTION_FAILED: 'Thu gom không thành công', COLLECTED: 'Bưu điện đã nhận', ARRIVED_FACILITY: 'Đến bưu cục',
  DEPARTED_FACILITY: 'Rời bưu cục', OUT_FOR_DELIVERY: 'Đang phát', DELIVERY_FAILED: 'Phát không thành công',
  HELD_FOR_PICKUP: 'Lưu tại bưu cục', DELIVERED: 'Đã giao', RETURN_STARTED: 'Bắt đầu chuyển hoàn',
  RETURNED: 'Đã chuyển hoàn', CANCELLED: 'Đã hủy', LOST: 'Thất lạc', INFO: 'Thông tin'
};
export const LEG = { PICKUP: 'Thu gom hồ sơ', DELIVERY: 'Trả kết quả' };

export function key(role) { return sessionStorage.getItem('dp.key.' + role); }
export function setKey(role, value) {
  if (value) { sessionStorage.setItem('dp.key.' + role, value); } else { sessionStorage.removeItem('dp.key.' + role); }
}

/** Calls the API; resolves to {status, json, blob, headers}; rejects only when the network fails. */
export async function call(role, method, path, { body, headers = {}, accept = 'application/json', raw } = {}) {
  const h = { Accept: accept, ...headers };
  const k = key(role);
  if (k) { h.Authorization = 'Bearer ' + k; }
  let payload;
  if (raw !== undefined) { payload = raw; } else if (body !== undefined) {
    h['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const response = await fetch(path, { method, headers: h, body: payload });
  const type = response.headers.get('Content-Type') || '';
  const result = { status: response.status, headers: response.headers };
  if (type.includes('json')) { result.json = await response.json(); } else { result.blob = await response.blob(); }
  return result;
}

/** A small element builder: h('p', {class: 'x'}, 'text', child). Text is never parsed as HTML. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === false || value === null || value === undefined) { continue; }
    if (name.startsWith('on')) { el.addEventListener(name.slice(2), value); } else { el.setAttribute(name, value === true ? '' : value); }
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) { continue; }
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function badge(status) {
  return h('span', { class: 'badge b-' + status }, STATUS[status] || status);
}

export function time(iso) {
  if (!iso) { return ''; }
  return new Date(iso).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour12: false,
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

export function money(n) { return new Intl.NumberFormat('vi-VN').format(n || 0) + ' đ'; }

/** The message of a problem answer, in Vietnamese where the service gave field messages. */
export function problemText(result) {
  const p = result.json || {};
  if (result.status === 401) { return 'Khóa truy cập không hợp lệ hoặc đã bị thu hồi.'; }
  if (result.status === 403) { return 'Khóa này không có quyền thực hiện thao tác này.'; }
  if (result.status === 429) { return 'Quá nhiều yêu cầu, vui lòng thử lại sau giây lát.'; }
  if (result.status >= 500) { return 'Hệ thống đang bận, vui lòng thử lại.'; }
  if (Array.isArray(p.errors) && p.errors.length) { return p.errors.map(e => e.message).join(' '); }
  return p.detail || p.title || ('Lỗi ' + result.status);
}

/** UPU S10: two letters, eight digits, a check digit, two letters; the check as S10.java. */
export function s10Problem(code) {
  const c = (code || '').replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{8}\d[A-Z]{2}$/.test(c)) { return 'Mã bưu gửi gồm 2 chữ, 9 số, 2 chữ (ví dụ EB123456785VN).'; }
  const w = [8, 6, 4, 2, 3, 5, 9, 7];
  let sum = 0;
  for (let i = 0; i < 8; i++) { sum += w[i] * Number(c[2 + i]); }
  let check = 11 - (sum % 11);
  if (check === 10) { check = 0; } else if (check === 11) { check = 5; }
  return Number(c[10]) === check ? null : 'Số kiểm tra không đúng: có thể gõ hoặc quét nhầm.';
}

/** Opens a PDF answer: shows it in a new tab, and keeps a link to it on the page. */
export function showPdf(result, link, win) {
  const url = URL.createObjectURL(result.blob);
  link.href = url;
  link.classList.remove('hidden');
  if (win) { win.location = url; }
  return url;
}
