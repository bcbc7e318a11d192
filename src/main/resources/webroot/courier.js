// The courier's scanning page: a camera (where the browser has BarcodeDetector), a keyboard-
// wedge scanner or typing; the item's card (what it is, where it stands, what may be done now);
// the step's details; and an offline queue. Every scan gets its id when it is made, is kept in
// this browser until the service has it, and is sent with that id, so a scan uploaded twice
// after a lost answer is still recorded once. A scan the service refuses is kept in a visible
// "cần xử lý" list with the reason, never dropped silently.
import { call, key, setKey, h, problemText, s10Problem, badge, money, LEG } from './api.js';

const ROLE = 'courier';
const QUEUE = 'dp.courier.queue';
const ATTENTION = 'dp.courier.attention';
const view = document.getElementById('view');
const pendingLabel = document.getElementById('pending');

const ACTIONS = {
  COLLECTED: 'Đã nhận (thu gom / nhận từ bộ phận một cửa)',
  COLLECTION_FAILED: 'Thu gom không thành công',
  ARRIVED_FACILITY: 'Đến bưu cục',
  DEPARTED_FACILITY: 'Rời bưu cục',
  OUT_FOR_DELIVERY: 'Đi phát',
  DELIVERY_FAILED: 'Phát không thành công',
  HELD_FOR_PICKUP: 'Lưu tại bưu cục chờ nhận',
  DELIVERED: 'Phát thành công',
  RETURN_STARTED: 'Chuyển hoàn',
  RETURNED: 'Đã chuyển hoàn về nơi gửi'
};
// What each action needs where the item's card is not known (offline): as the service asks,
// with the fee shown for both steps that may collect one.
const NEEDS = {
  COLLECTED: ['checklist', 'sealNumber', 'fee'], DELIVERED: ['proof', 'fee'],
  COLLECTION_FAILED: ['reason'], DELIVERY_FAILED: ['reason'], RETURN_STARTED: ['reason']
};
const FIELDS = {
  checklist: 'Danh sách giấy tờ', sealNumber: 'Số niêm phong', fee: 'Tiền thu và biên lai', 'fee.amount': 'Số tiền thu',
  'fee.receiptNumber': 'Số biên lai', 'fee.reason': 'Lý do thu khác số phải thu', proof: 'Người nhận, giấy tờ và chữ ký', 'proof.recipientName': 'Người nhận',
  'proof.idType': 'Loại giấy tờ', 'proof.idLast4': '4 ký tự cuối số giấy tờ', 'proof.signatureRef': 'Chữ ký người nhận',
  reason: 'Lý do', note: 'Ghi chú', scannedAt: 'Thời điểm quét', itemCode: 'Mã bưu gửi', action: 'Thao tác'
};
const lowerFirst = text => text.charAt(0).toLocaleLowerCase('vi') + text.slice(1);
const STATUS_VI = {
  BOOKED: 'đã đặt bưu điện', COLLECTED: 'bưu điện đã nhận', COLLECTION_FAILED: 'thu gom không thành công',
  IN_TRANSIT: 'đang vận chuyển', OUT_FOR_DELIVERY: 'đang phát', DELIVERY_FAILED: 'phát không thành công',
  AWAITING_PICKUP: 'chờ nhận tại bưu cục', DELIVERED: 'đã giao', RETURNING: 'đang chuyển hoàn',
  RETURNED: 'đã chuyển hoàn', CANCELLED: 'đã hủy', LOST: 'thất lạc', CREATED: 'đang đặt'
};

/** Why the service refused a scan, in words a courier acts on: the status, the fields. */
function refusal(r) {
  const p = r.json || {};
  if (r.status === 404) { return 'Không tìm thấy bưu gửi này trong phạm vi bưu cục của bạn.'; }
  if (r.status === 409 && Array.isArray(p.allowedActions)) {
    const allowed = p.allowedActions.map(a => ACTIONS[a] || a);
    return 'Không thể «' + (ACTIONS[p.action] || p.action) + '» khi bưu gửi ' + (STATUS_VI[p.orderStatus] || p.orderStatus) + '. '
      + (allowed.length ? 'Được phép: ' + allowed.join(', ') + '.' : 'Không còn thao tác nào.');
  }
  if (Array.isArray(p.errors) && p.errors.length) {
    return p.errors.map(e => (FIELDS[e.field] || e.field) + ': ' + e.message).join(' ');
  }
  return problemText(r);
}
const REASONS = {
  RECIPIENT_ABSENT: 'Người nhận vắng nhà', WRONG_ADDRESS: 'Sai hoặc không tìm thấy địa chỉ',
  UNREACHABLE_PHONE: 'Không liên lạc được qua điện thoại', RECIPIENT_REFUSED: 'Người nhận từ chối nhận',
  DOSSIER_INCOMPLETE: 'Hồ sơ chưa đủ thành phần', FEE_NOT_PAID: 'Chưa nộp phí, lệ phí',
  NO_ID_DOCUMENT: 'Không xuất trình được giấy tờ tùy thân', OTHER: 'Lý do khác'
};

const queue = () => JSON.parse(localStorage.getItem(QUEUE) || '[]');
const saveQueue = q => { localStorage.setItem(QUEUE, JSON.stringify(q)); showPending(); };
function showPending() {
  const n = queue().length;
  pendingLabel.textContent = n ? 'Đang chờ gửi: ' + n : (navigator.onLine ? 'Đã gửi hết' : 'Mất kết nối');
  pendingLabel.dataset.count = String(n);
}

let flushing = false;
const results = h('ul', { id: 'results' });
const attentionList = h('ul', { id: 'attention-list' });
const attentionCard = h('section', { class: 'card', id: 'attention' }, h('h2', {}, 'Cần xử lý'),
  h('p', {}, 'Những lần quét không được ghi nhận, với lý do. Sửa rồi quét lại, hoặc bỏ qua.'), attentionList);
const attention = () => JSON.parse(localStorage.getItem(ATTENTION) || '[]');
let onRetry = () => {};
let afterRecorded = () => {};
function showAttention() {
  const items = attention();
  attentionCard.classList.toggle('hidden', !items.length);
  attentionList.replaceChildren(...items.map(a => h('li', { class: 'err' }, h('strong', {}, a.label), ': ', a.reason, ' ',
    h('button', { type: 'button', class: 'secondary', onclick: () => { drop(a.id); onRetry(a); } }, 'Quét lại'), ' ',
    h('button', { type: 'button', class: 'secondary', onclick: () => drop(a.id) }, 'Bỏ qua'))));
}
function drop(id) {
  localStorage.setItem(ATTENTION, JSON.stringify(attention().filter(a => a.id !== id)));
  showAttention();
}

/** Sends queued scans in order; stops at the first network failure and tries again later. */
async function flush() {
  if (flushing || !key(ROLE)) { return; }
  flushing = true;
  try {
    while (queue().length) {
      const [scan] = queue();
      let r;
      try { r = await call(ROLE, 'POST', '/api/v1/scans', { body: scan.body }); } catch (offline) { break; }
      if (r.status === 429 || r.status >= 500) { break; }
      saveQueue(queue().filter(s => s.body.scanId !== scan.body.scanId));
      const ok = r.status === 200 || r.status === 201;
      if (ok) {
        results.prepend(h('li', { class: 'ok' }, scan.label, ': đã ghi nhận'));
        afterRecorded(scan.body.itemCode);
      } else {
        const code = scan.body.itemCode || scan.body.manifestCode;
        localStorage.setItem(ATTENTION, JSON.stringify([...attention(),
          { id: scan.body.scanId, code, action: scan.body.action, label: scan.label, reason: refusal(r) }]));
        showAttention();
      }
    }
  } finally { flushing = false; showPending(); }
}

function signIn() {
  const input = h('input', { id: 'key', type: 'password', autocomplete: 'off', required: true });
  const message = h('div');
  const form = h('form', { class: 'card', id: 'signin' }, h('h2', {}, 'Đăng nhập'),
    h('p', {}, 'Dán khóa truy cập của bưu tá (khóa COURIER; bản chạy thử in ra dòng DP_DEMO_COURIER_KEY).'),
    h('label', { for: 'key' }, 'Khóa truy cập'), input, message, h('p', {}, h('button', { type: 'submit' }, 'Đăng nhập')));
  form.addEventListener('submit', e => {
    e.preventDefault();
    setKey(ROLE, input.value.trim());
    start();
  });
  view.replaceChildren(form);
  input.focus();
}

function signature() {
  const canvas = h('canvas', { class: 'signature', id: 'signature', width: 600, height: 200, 'aria-label': 'Chữ ký người nhận' });
  const ctx = canvas.getContext('2d');
  ctx.lineWidth = 3; ctx.lineCap = 'round';
  let drawing = false; let drawn = false;
  const at = e => { const r = canvas.getBoundingClientRect(); return [(e.clientX - r.left) * canvas.width / r.width, (e.clientY - r.top) * canvas.height / r.height]; };
  canvas.addEventListener('pointerdown', e => { drawing = true; ctx.beginPath(); ctx.moveTo(...at(e)); canvas.setPointerCapture(e.pointerId); });
  canvas.addEventListener('pointermove', e => { if (drawing) { ctx.lineTo(...at(e)); ctx.stroke(); drawn = true; } });
  canvas.addEventListener('pointerup', () => { drawing = false; });
  return { canvas, drawn: () => drawn, clear: () => { ctx.clearRect(0, 0, canvas.width, canvas.height); drawn = false; } };
}

/** A reference to the drawn signature: its SHA-256 (the image stays on the device). */
async function signatureRef(canvas) {
  const data = new TextEncoder().encode(canvas.toDataURL('image/png'));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  return 'sig-sha256:' + [...digest].map(b => b.toString(16).padStart(2, '0')).join('');
}

function scanPage() {
  const code = h('input', { id: 'code', name: 'code', autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false',
    placeholder: 'EB123456785VN hoặc MF…', 'aria-describedby': 'code-check' });
  const check = h('p', { id: 'code-check', class: 'err', 'aria-live': 'polite' });
  const action = h('select', { id: 'action', name: 'action' });
  let card = null; // the card of the code in the box, once the service answered
  function offer(actions) {
    const keep = action.value;
    action.replaceChildren(h('option', { value: '' }, '— Chọn thao tác —'),
      ...actions.map(a => h('option', { value: a }, ACTIONS[a] || a)));
    action.value = actions.includes(keep) ? keep : '';
  }
  offer(Object.keys(ACTIONS));
  const reason = h('select', { id: 'reason', name: 'reason' }, Object.entries(REASONS).map(([k, v]) => h('option', { value: k }, v)));
  const note = h('input', { id: 'note', name: 'note' });
  const recipient = h('input', { id: 'recipient', name: 'recipientName', autocomplete: 'off' });
  const idType = h('select', { id: 'id-type' }, h('option', { value: 'CCCD' }, 'Căn cước công dân'), h('option', { value: 'CMND' }, 'Chứng minh nhân dân'),
    h('option', { value: 'PASSPORT' }, 'Hộ chiếu'), h('option', { value: 'OTHER' }, 'Giấy tờ khác'));
  const idLast4 = h('input', { id: 'id-last4', maxlength: 4, inputmode: 'numeric', autocomplete: 'off' });
  const seal = h('input', { id: 'seal', name: 'sealNumber' });
  const docName = h('input', { id: 'doc-name', placeholder: 'Tờ khai; Giấy chứng nhận…' });
  const docKind = h('select', { id: 'doc-kind' }, h('option', { value: 'ORIGINAL' }, 'Bản chính'), h('option', { value: 'COPY' }, 'Bản sao'));
  const feeAmount = h('input', { id: 'fee-amount', type: 'number', min: 0, step: 1000 });
  const feeReceipt = h('input', { id: 'fee-receipt' });
  // an amount other than the fee due is accepted only with a reason (recorded as a discrepancy)
  const feeReason = h('input', { id: 'fee-reason', placeholder: 'Ví dụ: được miễn giảm theo quyết định…' });
  const sig = signature();
  const failed = h('div', { id: 'failed-fields' }, h('label', { for: 'reason' }, 'Lý do'), reason, h('label', { for: 'note' }, 'Ghi chú'), note);
  const delivered = h('div', { id: 'delivered-fields' }, h('label', { for: 'recipient' }, 'Người nhận'), recipient,
    h('label', { for: 'id-type' }, 'Loại giấy tờ'), idType, h('label', { for: 'id-last4' }, '4 ký tự cuối số giấy tờ'), idLast4,
    h('label', { for: 'signature' }, 'Chữ ký người nhận'), sig.canvas,
    h('p', {}, h('button', { type: 'button', class: 'secondary', onclick: sig.clear }, 'Ký lại')));
  // the procedure's published components (from the card), counted one by one (Circular 17, steps 1–2)
  const tally = h('div', { id: 'tally' });
  const shortReason = h('input', { id: 'short-reason', placeholder: 'Ví dụ: công dân sẽ bổ sung sau…' });
  const tallyFields = h('div', { id: 'tally-fields', class: 'hidden' }, tally,
    h('label', { for: 'short-reason' }, 'Lý do nếu thiếu thành phần so với danh mục'), shortReason);
  const collected = h('div', { id: 'collected-fields' }, h('p', {}, 'Khi thu gom hồ sơ của công dân:'), tallyFields,
    h('div', { class: 'row' }, h('div', {}, h('label', { for: 'doc-name' }, 'Giấy tờ (nhiều giấy tờ cách nhau bằng dấu ;)'), docName), h('div', {}, h('label', { for: 'doc-kind' }, 'Loại'), docKind)),
    h('label', { for: 'seal' }, 'Số niêm phong'), seal);
  const fee = h('div', { id: 'fee-fields' }, h('p', { id: 'fee-due' }),
    h('div', { class: 'row' }, h('div', {}, h('label', { for: 'fee-amount' }, 'Số tiền đã thu (đồng)'), feeAmount), h('div', {}, h('label', { for: 'fee-receipt' }, 'Số biên lai'), feeReceipt)),
    h('label', { for: 'fee-reason' }, 'Lý do nếu thu khác số phải thu'), feeReason);
  const cardView = h('section', { id: 'card', class: 'card hidden', 'aria-live': 'polite' });
  const message = h('div');
  const camera = h('button', { type: 'button', class: 'secondary hidden', id: 'camera' }, 'Quét bằng camera');
  const video = h('video', { class: 'hidden', playsinline: true, muted: true, style: 'width:100%' });
  const form = h('form', { class: 'card', id: 'scan', novalidate: true }, h('h2', {}, 'Quét nhãn'),
    h('p', {}, 'Quét bằng máy quét (con trỏ ở ô dưới), bằng camera, hoặc gõ mã rồi nhấn Enter. Mã biên bản (MF…) nhận cả lô một lần.'),
    h('label', { for: 'code' }, 'Mã bưu gửi hoặc mã biên bản'), code, check, camera, video,
    h('label', { for: 'action' }, 'Thao tác'), action, failed, delivered, collected, fee, message,
    h('p', {}, h('button', { type: 'submit', id: 'send' }, 'Ghi nhận')));

  const isManifest = v => /^MF[0-9A-HJKMNP-TV-Z]{10}$/.test(v);
  const normalized = () => code.value.replace(/\s+/g, '').toUpperCase();
  function validate() {
    const v = normalized();
    check.textContent = !v ? '' : isManifest(v) ? '' : (s10Problem(v) || '');
    check.className = check.textContent ? 'err' : 'ok';
    if (v && !check.textContent) { check.textContent = isManifest(v) ? 'Mã biên bản hợp lệ.' : 'Mã bưu gửi hợp lệ.'; }
    return v && (isManifest(v) || !s10Problem(v));
  }
  /** What the chosen action needs: from the item's card, or as the service asks when offline. */
  function needs() {
    if (isManifest(normalized())) { return []; }
    const offered = card && card.allowedActions.find(a => a.action === action.value);
    return offered ? offered.requires : (card ? [] : (NEEDS[action.value] || []));
  }
  function showFields() {
    const n = needs();
    const manifest = isManifest(normalized());
    action.disabled = manifest;
    failed.classList.toggle('hidden', !n.includes('reason'));
    delivered.classList.toggle('hidden', !n.includes('proof'));
    // a DELIVERY leg's collection from the desk needs no paperwork: offered only where asked for
    collected.classList.toggle('hidden', !(n.includes('checklist') || (!card && action.value === 'COLLECTED' && !manifest)));
    fee.classList.toggle('hidden', !n.includes('fee') || (card && !card.feeDue));
  }
  function render(c) {
    card = c;
    cardView.classList.remove('hidden');
    const r = c.recipient || {}; const place = c.commune || {};
    cardView.replaceChildren(h('h2', {}, 'Bưu gửi ', c.itemCode),
      h('dl', { class: 'grid' },
        h('dt', {}, 'Chiều'), h('dd', { id: 'card-leg' }, LEG[c.leg] || c.leg),
        h('dt', {}, 'Trạng thái'), h('dd', { id: 'card-status' }, badge(c.status)),
        h('dt', {}, c.leg === 'PICKUP' ? 'Người gửi' : 'Người nhận'), h('dd', { id: 'card-recipient' }, (r.name || '') + ' · ' + (r.phone || '')),
        h('dt', {}, 'Xã/phường'), h('dd', { id: 'card-commune' }, (place.name || place.code || '') + (place.province ? ', ' + place.province : '')),
        h('dt', {}, 'Phí phải thu'), h('dd', { id: 'card-fee' }, money(c.feeDue)),
        h('dt', {}, 'Thu phí'), h('dd', { id: 'card-fee-collection' },
          !c.feeDue ? 'Không thu' : c.feeCollection === 'AT_PICKUP' ? 'Khi nhận hồ sơ của công dân' : 'Khi phát (thu hộ)')),
      c.allowedActions.length
        ? h('ul', { id: 'card-actions' }, c.allowedActions.map(a => h('li', {}, ACTIONS[a.action] || a.action,
          a.requires.length ? ' — cần: ' + a.requires.map(f => lowerFirst(FIELDS[f] || f)).join(', ') : '')))
        : h('p', { class: 'err' }, 'Không còn thao tác nào cho bưu gửi này.'),
      c.components ? h('div', { id: 'card-components' }, h('h3', {}, 'Thành phần hồ sơ theo danh mục: ', c.procedure.name),
        h('ul', {}, c.components.map(d => h('li', {}, d.name + ' — ' + d.kindLabel + ' × ' + d.count)))) : '');
    showTally(c.components || []);
    offer(c.allowedActions.map(a => a.action));
    document.getElementById('fee-due').textContent = c.feeDue ? 'Phải thu ' + money(c.feeDue) + ' — ghi số tiền và số biên lai.' : '';
    if (c.feeDue && !feeAmount.value) { feeAmount.value = String(c.feeDue); }
    showFields();
  }
  /** One count per component of the catalogue, set to what it asks; the courier lowers what is missing. */
  function showTally(components) {
    tallyFields.classList.toggle('hidden', !components.length);
    tally.replaceChildren(...components.map((d, i) => h('div', { class: 'row' },
      h('div', {}, h('label', { for: 'tally-' + i }, d.name + ' (' + d.kindLabel.toLowerCase() + ')')),
      h('div', {}, h('input', { id: 'tally-' + i, type: 'number', min: 0, max: 100, step: 1, value: String(d.count) })))));
  }
  /** The counted components as checklist entries, and those short of the catalogue as missing. */
  function counted() {
    const list = []; const missing = [];
    ((card && card.components) || []).forEach((d, i) => {
      const n = Math.max(0, Math.floor(Number(document.getElementById('tally-' + i).value) || 0));
      if (n > 0) { list.push({ name: d.name, kind: d.kind, count: n }); }
      if (n < d.count) { missing.push({ name: d.name, kind: d.kind, reason: shortReason.value.trim() }); }
    });
    return { list, missing };
  }
  /** Asks for the item's card; offline, every action stays offered and the service checks later. */
  async function loadCard(item) {
    let r;
    try { r = await call(ROLE, 'GET', '/api/v1/courier/items/' + encodeURIComponent(item)); } catch (offline) { return; }
    if (normalized() && normalized() !== item) { return; } // another code was scanned meanwhile
    if (r.status === 200) { render(r.json); return; }
    card = null;
    cardView.classList.remove('hidden');
    cardView.replaceChildren(h('h2', {}, 'Bưu gửi ', item), h('p', { class: 'err', id: 'card-problem' }, refusal(r)));
  }
  function clearCard() {
    card = null; cardView.classList.add('hidden'); cardView.replaceChildren(); showTally([]);
    offer(Object.keys(ACTIONS));
    document.getElementById('fee-due').textContent = '';
    feeAmount.value = ''; feeReceipt.value = ''; feeReason.value = '';
  }
  let shown = '';
  code.addEventListener('input', () => {
    const ok = validate(); const v = normalized();
    if (v !== shown) {
      shown = v;
      clearCard();
      if (ok && !isManifest(v)) { loadCard(v); }
    }
    showFields();
  });
  action.addEventListener('change', showFields);
  afterRecorded = item => { if (item && (!normalized() || normalized() === item)) { loadCard(item); } };
  onRetry = a => { code.value = a.code; code.dispatchEvent(new Event('input')); code.focus(); };
  showFields();

  if ('BarcodeDetector' in window && navigator.mediaDevices) {
    camera.classList.remove('hidden');
    camera.addEventListener('click', async () => {
      const detector = new window.BarcodeDetector({ formats: ['code_128', 'qr_code'] });
      const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
      video.srcObject = stream; video.classList.remove('hidden'); await video.play();
      const tick = async () => {
        const found = (await detector.detect(video)).map(b => b.rawValue).find(t => /^[A-Z]{2}\d{9}[A-Z]{2}$/.test(t) || isManifest(t));
        if (found) { code.value = found; validate(); showFields(); stream.getTracks().forEach(t => t.stop()); video.classList.add('hidden'); return; }
        requestAnimationFrame(tick);
      };
      tick();
    });
  }

  form.addEventListener('submit', async e => {
    e.preventDefault();
    message.replaceChildren();
    if (!validate()) { check.textContent = check.textContent || 'Nhập hoặc quét mã.'; code.focus(); return; }
    const v = normalized();
    if (!isManifest(v) && !action.value) { message.replaceChildren(h('p', { class: 'err' }, 'Chọn thao tác.')); action.focus(); return; }
    const n = needs();
    const body = { scanId: crypto.randomUUID(), action: isManifest(v) ? 'COLLECTED' : action.value, scannedAt: new Date().toISOString() };
    if (isManifest(v)) { body.manifestCode = v; } else { body.itemCode = v; }
    if (n.includes('reason')) {
      body.reason = reason.value;
      if (note.value.trim()) { body.note = note.value.trim(); }
    }
    if (n.includes('proof')) {
      if (!sig.drawn()) { message.replaceChildren(h('p', { class: 'err' }, 'Cần chữ ký của người nhận.')); return; }
      body.proof = { recipientName: recipient.value.trim(), idType: idType.value, idLast4: idLast4.value.trim().toUpperCase(),
        signatureRef: await signatureRef(sig.canvas) };
    }
    const listed = body.action === 'COLLECTED' && !isManifest(v) && card && card.components ? counted() : { list: [], missing: [] };
    if (listed.missing.length && !shortReason.value.trim()) {
      message.replaceChildren(h('p', { class: 'err' }, 'Thiếu thành phần so với danh mục: ghi lý do, hoặc nhận đủ.')); shortReason.focus(); return;
    }
    if (body.action === 'COLLECTED' && !isManifest(v) && (docName.value.trim() || seal.value.trim() || listed.list.length)) {
      body.checklist = listed.list.concat(docName.value.split(';').map(d => d.trim()).filter(d => d).map(name => ({ name, kind: docKind.value, count: 1 })));
      body.sealNumber = seal.value.trim();
      if (listed.missing.length) { body.missing = listed.missing; }
    }
    if (n.includes('fee') && feeAmount.value && !feeReceipt.value.trim()) {
      message.replaceChildren(h('p', { class: 'err' }, 'Nhập số biên lai đã giao cho công dân.')); feeReceipt.focus(); return;
    }
    if (n.includes('fee') && feeAmount.value) {
      body.fee = { amount: Number(feeAmount.value), receiptNumber: feeReceipt.value.trim() };
      if (feeReason.value.trim()) { body.fee.reason = feeReason.value.trim(); }
    }
    saveQueue([...queue(), { body, label: v + ' · ' + (isManifest(v) ? 'nhận cả biên bản' : ACTIONS[body.action]) }]);
    // each scan starts afresh: no action, no details carried over to the next item
    code.value = ''; check.textContent = ''; sig.clear(); recipient.value = ''; idLast4.value = '';
    note.value = ''; docName.value = ''; seal.value = ''; shortReason.value = ''; feeAmount.value = ''; feeReceipt.value = ''; feeReason.value = '';
    shown = ''; action.value = ''; showFields();
    code.focus();
    flush();
  });
  view.replaceChildren(cardView, form, attentionCard, h('section', { class: 'card' }, h('h2', {}, 'Đã quét'), results),
    handoverCard());
  showAttention();
  code.focus();
}

/**
 * The post -> desk handover: every collected dossier this unit holds for one office on one record,
 * whose code the desk scans to receive them all. Needs the network; one key per record asked
 * for, kept until it is made, so a retry after a lost answer gets the same record.
 */
function handoverCard() {
  const office = h('input', { id: 'handover-office', autocomplete: 'off', placeholder: '000.00.12.H56' });
  const name = h('input', { id: 'handover-courier', autocomplete: 'name' });
  const message = h('div', { id: 'handover-result', 'aria-live': 'polite' });
  const pdfLink = h('a', { id: 'handover-pdf', class: 'hidden', target: '_blank', rel: 'noopener' }, 'Mở danh sách để ký (PDF)');
  let idempotencyKey = null;
  const form = h('form', { class: 'card', id: 'handover-make' }, h('h2', {}, 'Giao hồ sơ cho cơ quan'),
    h('p', {}, 'Lập biên bản giao nhận gồm mọi hồ sơ đã thu gom của một cơ quan mà bưu cục đang giữ; cơ quan quét mã biên bản để nhận cả lô.'),
    h('label', { for: 'handover-office' }, 'Mã cơ quan nhận'), office,
    h('label', { for: 'handover-courier' }, 'Họ tên bưu tá'), name, message,
    h('p', {}, h('button', { type: 'submit' }, 'Lập biên bản giao nhận'), ' ', pdfLink));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    idempotencyKey = idempotencyKey || crypto.randomUUID();
    const body = { officeCode: office.value.trim() };
    if (name.value.trim()) { body.courier = name.value.trim(); }
    let r;
    try {
      r = await call(ROLE, 'POST', '/api/v1/courier/handovers', { body, headers: { 'Idempotency-Key': idempotencyKey } });
    } catch (err) {
      message.replaceChildren(h('p', { class: 'err' }, 'Không có mạng: thử lại khi có kết nối.'));
      return;
    }
    if (r.status !== 201) {
      idempotencyKey = null;
      message.replaceChildren(h('p', { class: 'err' }, r.status === 404 ? 'Bưu cục không phục vụ cơ quan này.' : problemText(r)));
      return;
    }
    idempotencyKey = null;
    message.replaceChildren(h('p', {}, 'Biên bản ', h('strong', { id: 'handover-code' }, r.json.code), ': ',
      String(r.json.totals.dossiers), ' hồ sơ.'));
    const pdf = await call(ROLE, 'GET', '/api/v1/courier/handovers/' + r.json.code + '/record.pdf', { accept: 'application/pdf' });
    if (pdf.status === 200) { pdfLink.href = URL.createObjectURL(pdf.blob); pdfLink.classList.remove('hidden'); }
  });
  return form;
}

function start() {
  if (!key(ROLE)) { document.getElementById('nav').classList.add('hidden'); signIn(); return; }
  document.getElementById('nav').classList.remove('hidden');
  scanPage();
  showPending();
  flush();
}

document.getElementById('signout').addEventListener('click', () => { setKey(ROLE, null); start(); });
window.addEventListener('online', () => { showPending(); flush(); });
window.addEventListener('offline', showPending);
setInterval(flush, 5000);
start();
