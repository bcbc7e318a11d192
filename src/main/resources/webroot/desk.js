// Desk pages: sign in with the office's key, list and find orders, book, print labels, hand
// over a manifest, receive a collected dossier (or the post's whole handover record in one scan),
// import a CSV file, read the daily report.
import { call, key, setKey, h, badge, time, money, problemText, STATUS, LEG, EVENT, showPdf } from './api.js';
import { dossierPages } from './dossiers.js';

const view = document.getElementById('view');
const ROLE = 'desk';

function show(...children) {
  view.replaceChildren(...children);
  for (const a of document.querySelectorAll('#nav a')) {
    if (location.hash.startsWith(a.getAttribute('href'))) { a.setAttribute('aria-current', 'page'); } else { a.removeAttribute('aria-current'); }
  }
}

function notice(text, bad) { return h('p', { class: 'notice' + (bad ? ' bad' : ''), role: bad ? 'alert' : 'status' }, text); }

async function signIn() {
  const input = h('input', { id: 'key', name: 'key', type: 'password', autocomplete: 'off', required: true });
  const message = h('div');
  const form = h('form', { class: 'card', id: 'signin' },
    h('h2', {}, 'Đăng nhập'),
    h('p', {}, 'Dán khóa truy cập của bộ phận một cửa (khóa DESK do quản trị viên cấp; bản chạy thử in ra dòng DP_DEMO_DESK_KEY).'),
    h('label', { for: 'key' }, 'Khóa truy cập'), input, message,
    h('p', {}, h('button', { type: 'submit' }, 'Đăng nhập')));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    setKey(ROLE, input.value.trim());
    const r = await call(ROLE, 'GET', '/api/v1/orders?limit=1');
    if (r.status === 200) { document.getElementById('nav').classList.remove('hidden'); location.hash = '#/orders'; route(); return; }
    setKey(ROLE, null);
    message.replaceChildren(notice(problemText(r), true));
  });
  show(form);
  input.focus();
}

// ---- orders list -------------------------------------------------------------------------

async function orders() {
  const params = new URLSearchParams(location.hash.split('?')[1] || '');
  const status = h('select', { id: 'f-status', name: 'status' }, h('option', { value: '' }, 'Mọi trạng thái'),
    Object.entries(STATUS).map(([k, v]) => h('option', { value: k, selected: params.get('status') === k }, v)));
  const leg = h('select', { id: 'f-leg', name: 'leg' }, h('option', { value: '' }, 'Cả hai chiều'),
    Object.entries(LEG).map(([k, v]) => h('option', { value: k, selected: params.get('leg') === k }, v)));
  const q = h('input', { id: 'f-q', name: 'q', placeholder: 'Mã hồ sơ hoặc mã bưu gửi', value: params.get('q') || '' });
  const filter = h('form', { class: 'card row', role: 'search' },
    h('div', {}, h('label', { for: 'f-q' }, 'Tìm'), q),
    h('div', {}, h('label', { for: 'f-status' }, 'Trạng thái'), status),
    h('div', {}, h('label', { for: 'f-leg' }, 'Chiều'), leg),
    h('button', { type: 'submit' }, 'Lọc'));
  filter.addEventListener('submit', e => {
    e.preventDefault();
    const p = new URLSearchParams();
    if (q.value.trim()) { p.set('q', q.value.trim()); }
    if (status.value) { p.set('status', status.value); }
    if (leg.value) { p.set('leg', leg.value); }
    location.hash = '#/orders?' + p;
  });
  const body = h('tbody');
  const message = h('div');
  const more = h('button', { type: 'button', class: 'secondary hidden', id: 'more' }, 'Xem thêm');
  const pdfLink = h('a', { id: 'last-pdf', class: 'hidden', target: '_blank', rel: 'noopener' }, 'Mở tệp PDF vừa tạo');
  const printBtn = h('button', { type: 'button', id: 'print-selected' }, 'In nhãn các đơn đã chọn');
  const manifestBtn = h('button', { type: 'button', id: 'manifest-selected', class: 'secondary' }, 'Lập biên bản bàn giao');
  const table = h('div', { class: 'card' },
    h('div', { class: 'row' }, printBtn, manifestBtn, pdfLink), message,
    h('div', { class: 'table-wrap' }, h('table', { id: 'orders' },
      h('thead', {}, h('tr', {}, h('th', {}, h('span', { class: 'hidden' }, 'Chọn')), h('th', {}, 'Mã hồ sơ'), h('th', {}, 'Chiều'),
        h('th', {}, 'Trạng thái'), h('th', {}, 'Mã bưu gửi'), h('th', { class: 'wide' }, 'Tạo lúc'))), body)), more);
  show(h('h2', {}, 'Đơn hàng'), filter, table);

  const query = new URLSearchParams({ limit: '50' });
  const text = (params.get('q') || '').replace(/\s+/g, '').toUpperCase();
  if (/^[A-Z]{2}\d{9}[A-Z]{2}$/.test(text)) { query.set('itemCode', text); } else if (text) { query.set('dossierCode', params.get('q').trim()); }
  if (params.get('status')) { query.set('status', params.get('status')); }
  if (params.get('leg')) { query.set('leg', params.get('leg')); }
  async function page(cursor) {
    if (cursor) { query.set('cursor', cursor); }
    const r = await call(ROLE, 'GET', '/api/v1/orders?' + query);
    if (r.status !== 200) { message.replaceChildren(notice(problemText(r), true)); return; }
    for (const o of r.json.items) {
      body.append(h('tr', { 'data-id': o.id },
        h('td', {}, h('input', { type: 'checkbox', value: o.id, 'aria-label': 'Chọn ' + o.dossierCode })),
        h('td', {}, h('a', { href: '#/order/' + o.id }, o.dossierCode)), h('td', {}, LEG[o.leg]),
        h('td', {}, badge(o.status)), h('td', {}, o.itemCode || '—'), h('td', { class: 'wide' }, time(o.createdAt))));
    }
    if (!body.children.length) { message.replaceChildren(notice('Không có đơn nào.')); }
    more.classList.toggle('hidden', !r.json.nextCursor);
    more.onclick = () => page(r.json.nextCursor);
  }
  const selected = () => [...body.querySelectorAll('input:checked')].map(c => c.value);
  printBtn.addEventListener('click', async () => {
    const ids = selected();
    if (!ids.length) { message.replaceChildren(notice('Chọn ít nhất một đơn.', true)); return; }
    const r = await call(ROLE, 'POST', '/api/v1/labels', { body: { orderIds: ids, format: 'pdf', media: 'thermal' }, accept: 'application/pdf' });
    if (r.status !== 200) { message.replaceChildren(notice(problemText(r), true)); return; }
    showPdf(r, pdfLink, window.open('', '_blank'));
    message.replaceChildren(notice('Đã tạo tệp nhãn cho ' + ids.length + ' đơn.'));
  });
  manifestBtn.addEventListener('click', async () => {
    const ids = selected();
    if (!ids.length) { message.replaceChildren(notice('Chọn ít nhất một đơn trả kết quả đã đặt bưu điện.', true)); return; }
    const courierName = prompt('Tên nhân viên bưu điện nhận bàn giao:', '') || 'Nhân viên bưu điện';
    const r = await call(ROLE, 'POST', '/api/v1/manifests', { body: { orderIds: ids, courierName } });
    if (r.status !== 201 && r.status !== 200) { message.replaceChildren(notice(problemText(r), true)); return; }
    const code = r.json.code;
    message.replaceChildren(notice('Đã lập biên bản ' + code + ' cho ' + ids.length + ' bưu gửi.'),
      h('p', {}, 'Mã biên bản: ', h('strong', { id: 'manifest-code' }, code)));
    const pdf = await call(ROLE, 'GET', '/api/v1/manifests/' + r.json.id + '/pdf', { accept: 'application/pdf' });
    if (pdf.status === 200) { showPdf(pdf, pdfLink); }
  });
  await page();
}

// ---- new order ---------------------------------------------------------------------------

/**
 * The address pickers: a province select filled from /api/v1/geo/provinces, and a search box
 * whose datalist offers the province's communes as the officer types (the service folds
 * accents, so "ba dinh" finds "Phường Ba Đình"). Choosing one fills the commune code, which
 * stays editable for an officer who knows it.
 */
function communePicker(province, search, code, list) {
  call(ROLE, 'GET', '/api/v1/geo/provinces').then(r => {
    if (r.status !== 200) { return; }
    province.append(...r.json.items.map(p => h('option', { value: p.code }, p.name)));
  });
  let asked = 0;
  const lookup = async () => {
    const picked = /\((\d{5})\)$/.exec(search.value.trim());
    if (picked) { code.value = picked[1]; return; }
    if (!province.value) { list.replaceChildren(); return; }
    const n = ++asked;
    const r = await call(ROLE, 'GET', '/api/v1/geo/provinces/' + province.value + '/communes?limit=20&q='
      + encodeURIComponent(search.value));
    if (n !== asked || r.status !== 200) { return; }
    list.replaceChildren(...r.json.items.map(c => h('option', { value: c.name + ' (' + c.code + ')' })));
  };
  let timer;
  search.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(lookup, 150); });
  province.addEventListener('change', () => { search.value = ''; lookup(); });
}

function field(name, labelText, input, hint) {
  input.id = 'o-' + name.replace(/\./g, '-');
  input.name = name;
  return h('div', { 'data-field': name }, h('label', { for: input.id }, labelText), input,
    hint ? h('p', { class: 'hint' }, hint) : null, h('p', { class: 'err', 'aria-live': 'polite' }));
}

function newOrder() {
  const idempotencyKey = crypto.randomUUID();
  const f = {
    dossierCode: h('input', { required: true, placeholder: '000.00.12.H56-251124-0001' }),
    procedureCode: h('input', { required: true, placeholder: '1.001234' }),
    leg: h('select', {}, h('option', { value: 'DELIVERY' }, LEG.DELIVERY), h('option', { value: 'PICKUP' }, LEG.PICKUP)),
    name: h('input', { required: true, autocomplete: 'off' }),
    phone: h('input', { required: true, inputmode: 'tel' }),
    line: h('input', { required: true }),
    communeCode: h('input', { required: true, inputmode: 'numeric', placeholder: '00070', maxlength: 5 }),
    provinceCode: h('select', { required: true }, h('option', { value: '' }, 'Chọn tỉnh, thành phố')),
    communeSearch: h('input', { autocomplete: 'off', placeholder: 'ví dụ: ba dinh', list: 'o-commune-list' }),
    contents: h('textarea', { required: true, rows: 2 }),
    fee: h('input', { type: 'number', min: 0, step: 1000, value: 0 }),
    sms: h('input', { type: 'checkbox', checked: true })
  };
  const message = h('div');
  const communeList = h('datalist', { id: 'o-commune-list' });
  communePicker(f.provinceCode, f.communeSearch, f.communeCode, communeList);
  const form = h('form', { class: 'card', id: 'new-order', novalidate: true },
    h('h2', {}, 'Đặt đơn mới'), message,
    h('div', { class: 'grid' },
      field('dossierCode', 'Mã hồ sơ', f.dossierCode), field('procedureCode', 'Mã thủ tục', f.procedureCode),
      field('leg', 'Chiều', f.leg), field('citizen.name', 'Họ tên công dân', f.name),
      field('citizen.phone', 'Số điện thoại', f.phone), field('citizen.address.line', 'Địa chỉ (số nhà, đường, thôn)', f.line),
      field('citizen.address.provinceCode', 'Tỉnh, thành phố', f.provinceCode),
      field('communeSearch', 'Tìm xã, phường, đặc khu', f.communeSearch,
        'Gõ vài chữ đầu của tên, có dấu hay không dấu đều được, rồi chọn trong danh sách.'),
      field('citizen.address.communeCode', 'Mã xã, phường, đặc khu', f.communeCode),
      communeList,
      field('contents', 'Nội dung bưu gửi', f.contents), field('feeToCollect', 'Phí phải thu của công dân (đồng)', f.fee)),
    h('label', {}, f.sms, ' Gửi tin nhắn SMS cho công dân'),
    h('p', {}, h('button', { type: 'submit' }, 'Đặt đơn')));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    form.querySelectorAll('.err').forEach(p => { p.textContent = ''; });
    const body = {
      dossierCode: f.dossierCode.value.trim(), procedureCode: f.procedureCode.value.trim(), leg: f.leg.value,
      citizen: { name: f.name.value, phone: f.phone.value.trim(),
        address: { line: f.line.value, communeCode: f.communeCode.value.trim(), provinceCode: f.provinceCode.value.trim() } },
      contents: f.contents.value, feeToCollect: Number(f.fee.value || 0), notifySms: f.sms.checked
    };
    const r = await call(ROLE, 'POST', '/api/v1/orders', { body, headers: { 'Idempotency-Key': idempotencyKey } });
    if (r.status === 201 || r.status === 200) { location.hash = '#/order/' + r.json.id; return; }
    if (r.status === 422 && r.json.errors) {
      for (const err of r.json.errors) {
        const slot = form.querySelector('[data-field="' + err.field + '"] .err');
        if (slot) { slot.textContent = err.message; } else { message.append(notice(err.field + ': ' + err.message, true)); }
      }
      message.prepend(notice('Vui lòng sửa các ô được đánh dấu.', true));
      return;
    }
    if (r.status === 409 && r.json.existingOrderId) {
      message.replaceChildren(notice('Hồ sơ này đã có đơn đang thực hiện. ', true),
        h('a', { href: '#/order/' + r.json.existingOrderId }, 'Xem đơn đó'));
      return;
    }
    message.replaceChildren(notice(problemText(r), true));
  });
  show(form);
  f.dossierCode.focus();
}

// ---- one order ---------------------------------------------------------------------------

async function order(id) {
  const r = await call(ROLE, 'GET', '/api/v1/orders/' + id);
  if (r.status !== 200) { show(notice(r.status === 404 ? 'Không tìm thấy đơn này.' : problemText(r), true)); return; }
  const o = r.json;
  const events = await call(ROLE, 'GET', '/api/v1/orders/' + id + '/events');
  const message = h('div');
  const pdfLink = h('a', { id: 'last-pdf', class: 'hidden', target: '_blank', rel: 'noopener' }, 'Mở tệp PDF nhãn');
  const actions = h('div', { class: 'row' });
  if (o.itemCode) {
    actions.append(h('button', { type: 'button', id: 'print-label', onclick: async () => {
      const win = window.open('', '_blank');
      const pdf = await call(ROLE, 'GET', '/api/v1/orders/' + id + '/label?format=pdf', { accept: 'application/pdf' });
      if (pdf.status !== 200) { if (win) { win.close(); } message.replaceChildren(notice(problemText(pdf), true)); return; }
      showPdf(pdf, pdfLink, win);
    } }, 'In nhãn'));
  }
  if (['CREATED', 'BOOKED', 'COLLECTION_FAILED'].includes(o.status)) {
    actions.append(h('button', { type: 'button', class: 'secondary', id: 'cancel', onclick: async () => {
      if (!confirm('Hủy đơn này?')) { return; }
      const c = await call(ROLE, 'POST', '/api/v1/orders/' + id + '/cancel', { body: { reason: 'Bộ phận một cửa hủy' } });
      if (c.status === 200) { order(id); } else { message.replaceChildren(notice(problemText(c), true)); }
    } }, 'Hủy đơn'));
  }
  actions.append(pdfLink);
  const timeline = h('ol', { class: 'timeline', id: 'timeline' });
  for (const e of (events.json && events.json.items) || []) {
    timeline.prepend(h('li', {}, h('time', {}, time(e.occurredAt)),
      h('strong', {}, e.code ? (EVENT[e.code] || e.code) : (e.rawText || e.rawCode || 'Mã chưa ánh xạ')),
      e.location && e.location.name ? ' · ' + e.location.name : '', e.reason ? ' · ' + e.reason : '',
      (e.flags || []).includes('NEEDS_PROOF')
        ? h('span', { class: 'err' }, ' · không áp dụng: báo trước khi có đơn và thiếu bằng chứng') : ''));
  }
  const sections = [h('h2', {}, 'Hồ sơ ', o.dossierCode),
    h('p', {}, h('a', { href: '#/dossiers?q=' + encodeURIComponent(o.dossierCode), id: 'order-dossier' }, 'Xem hồ sơ và các bước giải quyết')),
    h('section', { class: 'card' }, h('p', {}, badge(o.status), ' ', LEG[o.leg]), message,
      h('dl', { class: 'grid' },
        h('div', {}, h('dt', {}, 'Mã bưu gửi'), h('dd', { id: 'item-code' }, o.itemCode || 'Chưa có')),
        h('div', {}, h('dt', {}, 'Công dân'), h('dd', {}, o.citizen.name, ' · ', o.citizen.phone)),
        h('div', {}, h('dt', {}, 'Địa chỉ'), h('dd', { id: 'order-address' }, [o.citizen.address.line, o.citizen.address.communeName,
          o.citizen.address.provinceName].filter(Boolean).join(', '))),
        h('div', {}, h('dt', {}, 'Nội dung'), h('dd', {}, o.contents)),
        h('div', {}, h('dt', {}, o.leg === 'PICKUP' ? 'Phí thu khi nhận hồ sơ' : 'Phí thu khi phát'), h('dd', {}, money(o.feeToCollect)))), actions),
    h('section', { class: 'card' }, h('h2', {}, 'Hành trình'), timeline)];
  if (o.leg === 'PICKUP' && o.status === 'COLLECTED') { sections.push(receiveForm(o)); }
  show(...sections);
}

function receiveForm(o) {
  const rows = h('tbody');
  const addRow = (name = '', kind = 'ORIGINAL', count = 1) => rows.append(h('tr', {},
    h('td', {}, h('input', { name: 'doc-name', value: name, 'aria-label': 'Tên giấy tờ' })),
    h('td', {}, h('select', { name: 'doc-kind', 'aria-label': 'Loại' }, h('option', { value: 'ORIGINAL', selected: kind === 'ORIGINAL' }, 'Bản chính'),
      h('option', { value: 'COPY', selected: kind === 'COPY' }, 'Bản sao'))),
    h('td', {}, h('input', { name: 'doc-count', type: 'number', min: 1, value: count, 'aria-label': 'Số lượng' }))));
  addRow();
  const appointment = h('input', { type: 'date', id: 'appointment', name: 'appointmentDate' });
  const seal = h('input', { type: 'checkbox', id: 'seal', checked: true });
  const fee = h('input', { type: 'number', id: 'fee', min: 0, step: 1000, value: o.feeToCollect || 0 });
  const feeReceipt = h('input', { id: 'fee-receipt' });
  const note = h('input', { id: 'note', name: 'note' });
  const message = h('div');
  const form = h('form', { class: 'card', id: 'receive' }, h('h2', {}, 'Tiếp nhận hồ sơ từ bưu điện'),
    h('p', {}, 'Kiểm đếm lại các thành phần hồ sơ; nếu không khớp với danh sách bưu tá ghi khi thu gom, hệ thống ghi nhận sai lệch và đánh dấu cần xử lý.'),
    h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Giấy tờ'), h('th', {}, 'Loại'), h('th', {}, 'Số lượng'))), rows),
    h('p', {}, h('button', { type: 'button', class: 'secondary', onclick: () => addRow() }, 'Thêm giấy tờ')),
    h('label', {}, seal, ' Niêm phong còn nguyên'),
    h('div', { class: 'row' }, h('div', {}, h('label', { for: 'fee' }, 'Tiền phí bưu điện bàn giao (đồng)'), fee),
      h('div', {}, h('label', { for: 'fee-receipt' }, 'Số biên lai'), feeReceipt)),
    h('label', { for: 'appointment' }, 'Ngày hẹn trả kết quả'), appointment,
    h('label', { for: 'note' }, 'Ghi chú'), note, message, h('p', {}, h('button', { type: 'submit' }, 'Xác nhận tiếp nhận')));
  // the procedure's published components, when the office lists it: the rows to tally (step 6)
  const listed = h('p', { id: 'receive-catalogue' });
  form.insertBefore(listed, form.querySelector('table'));
  call(ROLE, 'GET', '/api/v1/procedures/' + encodeURIComponent(o.procedureCode)).then(r => {
    if (r.status !== 200 || !r.json.components) { return; }
    listed.textContent = 'Theo danh mục thủ tục «' + r.json.name + '»: ' + r.json.components
      .map(d => d.name + ' (' + d.kindLabel.toLowerCase() + ') × ' + d.count).join('; ') + '.';
    const untouched = [...rows.children].every(tr => !tr.querySelector('[name=doc-name]').value.trim());
    if (untouched) { rows.replaceChildren(); r.json.components.forEach(d => addRow(d.name, d.kind, d.count)); }
  }).catch(() => {});
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const checklist = [...rows.children].map(tr => ({ name: tr.querySelector('[name=doc-name]').value.trim(),
      kind: tr.querySelector('[name=doc-kind]').value, count: Number(tr.querySelector('[name=doc-count]').value) }))
      .filter(d => d.name);
    const body = { checklist, sealIntact: seal.checked };
    if (Number(fee.value) > 0) {
      body.feeHandedOver = { amount: Number(fee.value) };
      if (feeReceipt.value.trim()) { body.feeHandedOver.receiptNumber = feeReceipt.value.trim(); }
    }
    if (appointment.value) { body.appointmentDate = appointment.value; }
    if (note.value.trim()) { body.note = note.value.trim(); }
    const r = await call(ROLE, 'POST', '/api/v1/orders/' + o.id + '/receive', { body });
    if (r.status === 200 || r.status === 201) {
      const discrepancy = r.json.discrepancies && r.json.discrepancies.length;
      message.replaceChildren(notice(discrepancy ? 'Đã ghi nhận sai lệch; đơn được đánh dấu cần xử lý.' : 'Đã tiếp nhận hồ sơ.', discrepancy));
      setTimeout(() => order(o.id), discrepancy ? 1500 : 300);
    } else { message.replaceChildren(notice(problemText(r), true)); }
  });
  return form;
}

// ---- post -> desk handover ---------------------------------------------------------------

/** The post office's record of collected dossiers: scan (or type) its code, re-tally, receive all. */
function handoverPage() {
  const code = h('input', { id: 'handover-code', name: 'code', autocomplete: 'off', placeholder: 'BG 7K2M 9Q4T XR', required: true });
  const message = h('div');
  const result = h('div', { id: 'handover' });
  const form = h('form', { class: 'card', id: 'handover-scan' }, h('h2', {}, 'Nhận bàn giao hồ sơ từ bưu điện'),
    h('p', {}, 'Quét mã vạch trên biên bản giao nhận của bưu điện (hoặc gõ mã), kiểm đếm lại từng hồ sơ rồi xác nhận một lần.'),
    h('label', { for: 'handover-code' }, 'Mã biên bản'), code, message, h('p', {}, h('button', { type: 'submit' }, 'Mở biên bản')));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const c = code.value.replace(/\s+/g, '').toUpperCase();
    const r = await call(ROLE, 'GET', '/api/v1/handovers/' + encodeURIComponent(c));
    if (r.status !== 200) {
      result.replaceChildren();
      message.replaceChildren(notice(r.status === 404 ? 'Không có biên bản này cho bộ phận của bạn.' : problemText(r), true));
      return;
    }
    message.replaceChildren();
    result.replaceChildren(handoverTally(r.json));
  });
  show(form, result);
  code.focus();
}

function handoverTally(hv) {
  const message = h('div');
  const pdfLink = h('a', { id: 'handover-pdf', class: 'hidden', target: '_blank', rel: 'noopener' }, 'Mở biên bản PDF');
  const print = h('button', { type: 'button', class: 'secondary', id: 'handover-print', onclick: async () => {
    const win = window.open('', '_blank');
    const pdf = await call(ROLE, 'GET', hv.record, { accept: 'application/pdf' });
    if (pdf.status !== 200) { if (win) { win.close(); } message.replaceChildren(notice(problemText(pdf), true)); return; }
    showPdf(pdf, pdfLink, win);
  } }, hv.receivedAt ? 'In biên bản giao nhận' : 'In danh sách để ký');
  const cards = hv.items.map((it, i) => {
    const docs = (it.expected || []).map((d, j) => h('tr', {},
      h('td', {}, d.name), h('td', {}, d.kind === 'ORIGINAL' ? 'Bản chính' : 'Bản sao'), h('td', {}, String(d.count)),
      h('td', {}, h('input', { type: 'number', min: 0, value: d.count, name: 'count', 'data-doc': j,
        'aria-label': 'Số lượng nhận: ' + d.name + ' (' + it.itemCode + ')' }))));
    const got = it.received;
    return h('fieldset', { class: 'card', 'data-item': it.itemCode },
      h('legend', {}, (i + 1) + '. ', it.dossierCode, ' · ', it.itemCode),
      h('p', {}, it.procedureCode || '', it.contents ? ' · ' + it.contents : '', ' ', badge(it.status)),
      got ? h('p', { class: 'notice' + (got.match ? '' : ' bad') }, got.match ? 'Đã nhận, khớp danh sách.'
        : 'Đã nhận, chưa khớp: ' + got.discrepancies.join('; ')) : null,
      h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Giấy tờ'), h('th', {}, 'Loại'), h('th', {}, 'Kê khai'), h('th', {}, 'Nhận'))), docs),
      h('div', { class: 'row' },
        h('label', {}, h('input', { type: 'checkbox', name: 'seal', checked: true }), ' Niêm phong còn nguyên'),
        h('div', {}, h('label', {}, 'Số niêm phong (ghi khi thu gom: ' + (it.sealNumber || '—') + ')',
          h('input', { name: 'seal-number', value: it.sealNumber || '', autocomplete: 'off' }))),
        h('div', {}, h('label', {}, 'Lệ phí bàn giao (đồng)',
          h('input', { type: 'number', min: 0, step: 1000, name: 'fee', value: it.feeCollected || 0 })))));
  });
  const receive = h('button', { type: 'submit', id: 'handover-receive' }, 'Xác nhận tiếp nhận ' + hv.items.length + ' hồ sơ');
  const form = h('form', { id: 'handover-receive-form' },
    h('section', { class: 'card' }, h('h2', {}, 'Biên bản ', hv.code),
      h('p', {}, 'Bưu cục ', hv.postalUnit, hv.courierName ? ' · ' + hv.courierName : '', ' · lập lúc ', time(hv.createdAt),
        hv.receivedAt ? ' · đã tiếp nhận lúc ' + time(hv.receivedAt) : ''),
      h('p', {}, 'Số hồ sơ: ', String(hv.totals.dossiers), ' · thành phần kê khai: ', String(hv.totals.expectedComponents),
        hv.receivedAt ? ' · chưa khớp: ' + hv.totals.discrepancies + ' · lệ phí bàn giao: ' + money(hv.totals.feeHandedOver) : ''),
      h('div', { class: 'row' }, print, pdfLink), message),
    ...cards, hv.receivedAt ? null : h('p', {}, receive));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const dossiers = hv.items.map(it => {
      const card = form.querySelector('[data-item="' + it.itemCode + '"]');
      const checklist = (it.expected || []).map((d, j) => ({ name: d.name, kind: d.kind,
        count: Number(card.querySelector('[data-doc="' + j + '"]').value) })).filter(d => d.count > 0);
      const body = { itemCode: it.itemCode, checklist, sealIntact: card.querySelector('[name=seal]').checked };
      const seal = card.querySelector('[name=seal-number]').value.trim();
      if (seal) { body.sealNumber = seal; }
      const fee = Number(card.querySelector('[name=fee]').value);
      if (fee > 0) { body.feeHandedOver = { amount: fee }; }
      return body;
    });
    receive.disabled = true;
    const r = await call(ROLE, 'POST', '/api/v1/handovers/' + hv.code + '/receive', { body: { dossiers } });
    receive.disabled = false;
    if (r.status !== 200) { message.replaceChildren(notice(problemText(r), true)); return; }
    const next = handoverTally(r.json);
    form.replaceWith(next);
    const gaps = r.json.totals.discrepancies;
    next.querySelector('section').append(notice(gaps ? 'Đã tiếp nhận; ' + gaps + ' hồ sơ chưa khớp được đánh dấu cần xử lý.'
      : 'Đã tiếp nhận đủ ' + r.json.totals.dossiers + ' hồ sơ.', gaps > 0));
  });
  return form;
}

// ---- CSV import --------------------------------------------------------------------------

/** Splits CSV text into records' raw lines (quotes respected), keeping each record's text. */
function csvRecords(text) {
  const records = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') { quoted = !quoted; } else if (c === '\n' && !quoted) {
      records.push(text.slice(start, i).replace(/\r$/, ''));
      start = i + 1;
    }
  }
  if (start < text.length && text.slice(start).trim()) { records.push(text.slice(start).replace(/\r$/, '')); }
  return records.filter(r => r.trim() !== '');
}

function importPage() {
  const file = h('input', { type: 'file', id: 'csv', accept: '.csv,text/csv', required: true });
  const bar = h('progress', { id: 'progress', max: 1, value: 0, class: 'hidden' });
  const summary = h('div', { id: 'summary', 'aria-live': 'polite' });
  const errors = h('tbody');
  const report = h('table', { id: 'import-errors', class: 'hidden' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Dòng'), h('th', {}, 'Cột'), h('th', {}, 'Lỗi'))), errors);
  const form = h('form', { class: 'card', id: 'import' }, h('h2', {}, 'Nhập đơn trả kết quả từ tệp CSV'),
    h('p', {}, 'Dòng đầu là tiêu đề: dossierCode, procedureCode, citizenName, citizenPhone, addressLine, communeCode, provinceCode, contents, feeToCollect, notifySms. Mỗi dòng là một đơn, được đặt trọn vẹn hoặc không; nhập lại cùng tệp không tạo đơn trùng.'),
    h('label', { for: 'csv' }, 'Tệp CSV (UTF-8)'), file, h('p', {}, h('button', { type: 'submit' }, 'Nhập')), bar, summary, report);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    if (!file.files.length) { summary.replaceChildren(notice('Chọn một tệp CSV.', true)); return; }
    const records = csvRecords(await file.files[0].text());
    const header = records.shift();
    const chunk = 50;
    let created = 0; let existing = 0; let failed = 0;
    errors.replaceChildren();
    bar.max = records.length || 1; bar.value = 0; bar.classList.remove('hidden');
    for (let from = 0; from < records.length; from += chunk) {
      const part = records.slice(from, from + chunk);
      const r = await call(ROLE, 'POST', '/api/v1/orders/import?firstRow=' + (from + 2),
        { raw: header + '\r\n' + part.join('\r\n') + '\r\n', headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
      if (r.status !== 200) { summary.replaceChildren(notice(problemText(r), true)); return; }
      created += r.json.created; existing += r.json.existing; failed += r.json.failed;
      for (const row of r.json.rows.filter(x => x.result === 'error')) {
        for (const err of row.errors) { errors.append(h('tr', {}, h('td', {}, row.row), h('td', {}, err.field), h('td', {}, err.message))); }
      }
      bar.value = Math.min(records.length, from + chunk);
      summary.replaceChildren(notice('Đã xử lý ' + bar.value + '/' + records.length + ' dòng…'));
    }
    report.classList.toggle('hidden', failed === 0);
    summary.replaceChildren(notice('Xong: ' + created + ' đơn mới, ' + existing + ' đơn đã có từ trước, ' + failed + ' dòng lỗi.', failed > 0));
  });
  show(form);
}

// ---- report ------------------------------------------------------------------------------

function isoDay(d) { return d.toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' }); }

async function report() {
  const today = new Date();
  const days = [...Array(30).keys()].map(i => isoDay(new Date(today.getTime() - (29 - i) * 86400000)));
  const holder = h('div', { class: 'card', id: 'report' }, h('p', {}, 'Đang tải…'));
  const attention = h('tbody');
  show(h('h2', {}, 'Báo cáo'), holder,
    h('section', { class: 'card' }, h('h2', {}, 'Đơn trễ hạn, không có tin, cần xử lý'),
      h('div', { class: 'table-wrap' }, h('table', { id: 'attention' }, h('thead', {}, h('tr', {}, h('th', {}, 'Mã hồ sơ'), h('th', {}, 'Trạng thái'), h('th', {}, 'Cờ'))), attention))));
  const results = await Promise.all(days.map(d => call(ROLE, 'GET', '/api/v1/reports/daily?date=' + d)));
  const data = results.map((r, i) => r.status === 200 ? r.json : { date: days[i] });
  const last = data[data.length - 1];
  holder.replaceChildren(h('h2', {}, 'Hôm nay (' + last.date.split('-').reverse().join('/') + ')'),
    h('dl', { class: 'grid', id: 'today' },
      ...[['Đã đặt', last.booked], ['Bưu điện đã nhận', last.collected], ['Đã giao', last.delivered],
        ['Lần phát/thu gom không thành công', last.failedAttempts], ['Đã chuyển hoàn', last.returned],
        ['Trễ hạn', last.late ? last.late.openLate : 0], ['Không có tin', last.stuck]]
        .map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, v ?? 0)))),
    h('h2', {}, 'Đơn theo trạng thái hiện tại'),
    h('table', { id: 'by-status' }, h('tbody', {}, Object.entries(last.ordersByStatus || {}).map(([k, v]) =>
      h('tr', {}, h('td', {}, badge(k)), h('td', {}, v))))),
    h('h2', {}, '30 ngày gần nhất'), chart(data),
    h('p', {}, 'Cột mỗi ngày, từ trái sang: đã đặt (xanh đậm), bưu điện đã nhận (xanh nhạt), đã giao (xanh lá), '
      + 'không thành công (đỏ), đã chuyển hoàn (nâu). Đường cam: tỉ lệ giao đúng hạn (trên cùng là 100%).'));
  holder.after(feeLedger(days[days.length - 7], days[days.length - 1]));
  const a = await call(ROLE, 'GET', '/api/v1/reports/attention');
  for (const o of (a.json && a.json.items) || []) {
    attention.append(h('tr', {}, h('td', {}, h('a', { href: '#/order/' + o.id }, o.dossierCode)), h('td', {}, badge(o.status)), h('td', {}, (o.flags || []).join(', '))));
  }
}

/** Who collected what, amounts other than the fee due and the carrier's differing payments, over the days. */
function ledgerDetails(days) {
  const who = new Map();
  for (const c of days.flatMap(d => d.collectedBy || [])) {
    const k = c.postalUnit + '|' + (c.courier || '') + '|' + c.source;
    const w = who.get(k) || { ...c, orders: 0, collected: 0 };
    w.orders += c.orders; w.collected += c.collected; who.set(k, w);
  }
  const differing = days.flatMap(d => d.discrepancies || []);
  const carrier = days.flatMap(d => d.carrierMismatches || []);
  const table = (id, heads, rows) => h('div', { class: 'table-wrap' }, h('table', { id },
    h('thead', {}, h('tr', {}, ...heads.map(x => h('th', {}, x)))), h('tbody', {}, rows)));
  const parts = [];
  if (who.size) {
    parts.push(h('h3', {}, 'Đã thu theo bưu cục, bưu tá'), table('fees-collectors', ['Bưu cục', 'Người thu', 'Số đơn', 'Số tiền'],
      [...who.values()].map(w => h('tr', {}, h('td', {}, w.postalUnit || ''),
        h('td', {}, w.source === 'CARRIER' ? 'Bưu điện (theo dữ liệu hành trình)' : (w.courier || 'Bưu tá')),
        h('td', {}, w.orders), h('td', {}, money(w.collected))))));
  }
  if (differing.length) {
    parts.push(h('h3', {}, 'Thu khác số phải thu'), table('fees-discrepancies', ['Mã bưu gửi', 'Phải thu', 'Đã thu', 'Lý do'],
      differing.map(d => h('tr', {}, h('td', {}, d.itemCode || ''), h('td', {}, money(d.due)), h('td', {}, money(d.collected)),
        h('td', {}, [d.reason, d.note].filter(x => x).join(' — '))))));
  }
  if (carrier.length) {
    parts.push(h('h3', {}, 'Bưu điện thanh toán khác số đã thu'), table('fees-carrier', ['Mã bưu gửi', 'Bưu điện trả', 'Đã thu'],
      carrier.map(c => h('tr', {}, h('td', {}, c.itemCode || ''), h('td', {}, money(c.carrierPaid)),
        h('td', {}, c.collected == null ? 'chưa ghi nhận' : money(c.collected))))));
  }
  return parts;
}

/** The fee ledger of a range of days: totals, the money still out with its age, a CSV file. */
function feeLedger(from, to) {
  const fromDay = h('input', { type: 'date', id: 'fees-from', value: from });
  const toDay = h('input', { type: 'date', id: 'fees-to', value: to });
  const out = h('div', { id: 'fees' });
  const query = () => '/api/v1/reports/fees?from=' + fromDay.value + '&to=' + toDay.value;
  async function load() {
    const r = await call(ROLE, 'GET', query());
    if (r.status !== 200) { out.replaceChildren(notice(problemText(r), true)); return; }
    const t = r.json.totals;
    const last = r.json.days[r.json.days.length - 1];
    out.replaceChildren(
      h('dl', { class: 'grid', id: 'fees-totals' },
        ...[['Phải thu', t.due], ['Đã thu', t.collected], ['Đã nộp', t.handedOver], ['Còn phải nộp', t.outstanding]]
          .map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, money(v))))),
      h('h3', {}, 'Tiền chưa nộp cuối ngày ' + last.date.split('-').reverse().join('/')),
      h('div', { class: 'table-wrap' }, h('table', { id: 'fees-outstanding' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Mã bưu gửi'), h('th', {}, 'Số tiền'), h('th', {}, 'Bưu cục'), h('th', {}, 'Số ngày'))),
        h('tbody', {}, last.outstandingOrders.map(o => h('tr', {}, h('td', {}, o.itemCode || ''), h('td', {}, money(o.amount)),
          h('td', {}, o.postalUnit || ''), h('td', {}, o.ageDays)))))),
      ...ledgerDetails(r.json.days));
  }
  async function download() {
    const r = await call(ROLE, 'GET', query() + '&format=csv', { accept: 'text/csv' });
    if (r.status !== 200) { out.replaceChildren(notice('Không tải được tệp CSV.', true)); return; }
    const link = h('a', { href: URL.createObjectURL(r.blob), download: 'so-thu-phi-' + fromDay.value + '-' + toDay.value + '.csv' });
    link.click();
  }
  fromDay.addEventListener('change', load);
  toDay.addEventListener('change', load);
  load();
  return h('section', { class: 'card', id: 'fee-ledger' }, h('h2', {}, 'Sổ thu phí, lệ phí'),
    h('div', { class: 'row' }, h('div', {}, h('label', { for: 'fees-from' }, 'Từ ngày'), fromDay),
      h('div', {}, h('label', { for: 'fees-to' }, 'Đến ngày'), toDay)),
    out, h('p', {}, h('button', { type: 'button', class: 'secondary', id: 'fees-csv', onclick: download }, 'Tải tệp CSV (Excel)')));
}

/** Bars of booked, delivered and failed per day and the on-time rate as a line, in SVG. */
function chart(data) {
  const NS = 'http://www.w3.org/2000/svg';
  const W = 600; const H = 220; const pad = 30;
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', 'Biểu đồ 30 ngày');
  svg.setAttribute('id', 'chart');
  svg.style.width = '100%';
  const series = ['booked', 'collected', 'delivered', 'failedAttempts', 'returned'];
  const max = Math.max(1, ...data.map(d => Math.max(...series.map(k => d[k] || 0))));
  const step = (W - 2 * pad) / data.length;
  const el = (name, attrs) => { const e = document.createElementNS(NS, name); for (const [k, v] of Object.entries(attrs)) { e.setAttribute(k, v); } svg.append(e); return e; };
  el('line', { x1: pad, y1: H - pad, x2: W - pad, y2: H - pad, stroke: '#888' });
  const colors = ['#0b4f8a', '#5b8fc7', '#1b7a2e', '#b3261e', '#7a4b00'];
  const width = step / series.length;
  const points = [];
  data.forEach((d, i) => {
    series.forEach((k, j) => {
      const v = d[k] || 0;
      const hgt = (H - 2 * pad) * v / max;
      const bar = el('rect', { x: pad + i * step + j * width, y: H - pad - hgt, width: Math.max(0.5, width - 0.5), height: hgt, fill: colors[j] });
      const t = document.createElementNS(NS, 'title'); t.textContent = d.date + ': ' + v; bar.append(t);
    });
    const delivered = d.delivered || 0;
    const late = d.late ? d.late.deliveredLate || 0 : 0;
    if (delivered > 0) { points.push((pad + (i + 0.5) * step) + ',' + (pad + (H - 2 * pad) * late / delivered)); }
  });
  if (points.length) { el('polyline', { points: points.join(' '), fill: 'none', stroke: '#a15c00', 'stroke-width': 2 }); }
  return svg;
}

// ---- routing -----------------------------------------------------------------------------

function route() {
  if (!key(ROLE)) { document.getElementById('nav').classList.add('hidden'); signIn(); return; }
  document.getElementById('nav').classList.remove('hidden');
  const hash = location.hash || '#/orders';
  if (hash.startsWith('#/dossiers')) { dossierPage.list(); } else if (hash.startsWith('#/dossier-new')) { dossierPage.create(); } else if (hash.startsWith('#/dossier/')) { dossierPage.detail(hash.slice('#/dossier/'.length)); } else if (hash.startsWith('#/order/')) { order(hash.slice('#/order/'.length)); } else if (hash.startsWith('#/new')) { newOrder(); } else if (hash.startsWith('#/import')) { importPage(); } else if (hash.startsWith('#/handover')) { handoverPage(); } else if (hash.startsWith('#/report')) { report(); } else { orders(); }
  view.focus();
}

const dossierPage = dossierPages({ show, notice, communePicker });

document.getElementById('signout').addEventListener('click', () => { setKey(ROLE, null); location.hash = ''; route(); });
window.addEventListener('hashchange', route);
route();
