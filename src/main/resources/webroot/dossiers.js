// Desk pages for dossiers (issue 25): the list, a new dossier, one dossier with its legs and the
// desk's steps. desk.js hands in its page helpers, so this module needs nothing of its internals.
import { call, h, badge, time, money, problemText, LEG, showPdf } from './api.js';

const ROLE = 'desk';

export const DOSSIER_STATUS = {
  AWAITING_COLLECTION: 'Chờ bưu điện thu gom', COLLECTED: 'Bưu điện đã thu gom', RECEIVED: 'Đã tiếp nhận',
  PROCESSING: 'Đang giải quyết', SUPPLEMENT_REQUESTED: 'Chờ bổ sung', RESULT_READY: 'Đã có kết quả',
  RESULT_WITH_POST: 'Kết quả đang chuyển', RESULT_DELIVERED: 'Đã trả kết quả', RESULT_RETURNED: 'Kết quả bị chuyển hoàn',
  CLOSED: 'Đã kết thúc', CANCELLED: 'Đã hủy'
};
export const MODE = {
  SUBMIT_BY_POST: 'Nộp qua bưu chính', RESULT_BY_POST: 'Nhận kết quả qua bưu chính', BOTH: 'Cả hai'
};
const STEP = {
  create: 'Tạo hồ sơ', collected: 'Bưu điện thu gom', receive: 'Tiếp nhận', process: 'Bắt đầu giải quyết',
  supplement: 'Yêu cầu bổ sung', resume: 'Tiếp tục giải quyết', result_ready: 'Có kết quả',
  result_with_post: 'Bưu điện nhận kết quả', result_delivered: 'Đã trả kết quả cho công dân',
  result_returned: 'Kết quả bị chuyển hoàn', close: 'Kết thúc', cancel: 'Hủy'
};
// the 409 of a step, in words: what the dossier's status allows instead
const STEP_BUTTON = {
  receive: 'Tiếp nhận hồ sơ', process: 'Bắt đầu giải quyết', supplement: 'Yêu cầu bổ sung', resume: 'Tiếp tục giải quyết',
  'result-ready': 'Đã có kết quả', close: 'Kết thúc hồ sơ', cancel: 'Hủy hồ sơ'
};

function statusBadge(s) { return h('span', { class: 'badge d-' + s }, DOSSIER_STATUS[s] || s); }
function day(iso) { return iso ? iso.split('-').reverse().join('/') : '—'; }
function address(a) { return a ? [a.line, a.communeName, a.provinceName].filter(Boolean).join(', ') : ''; }

/** A key for one request body: the same body (a retry) keeps its key, another body gets a new one. */
function idempotency() {
  let last = null; let value = null;
  return body => {
    const text = JSON.stringify(body);
    if (text !== last) { last = text; value = crypto.randomUUID(); }
    return value;
  };
}

/** checklist[1].count → checklist[1] → checklist; collectionAddress.line → collectionAddress. */
function parentField(name) {
  if (/\[\d+\]$/.test(name)) { return name.replace(/\[\d+\]$/, ''); }
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : '';
}

/** Puts each of a 422's errors under its field (data-field names the field, or a prefix of it). */
function fieldErrors(form, r, message, notice) {
  form.querySelectorAll('.err').forEach(p => { p.textContent = ''; });
  const stray = [];
  for (const err of r.json.errors || []) {
    let name = err.field || '';
    let slot = null;
    while (name && !(slot = form.querySelector('[data-field="' + name + '"] > .err'))) { name = parentField(name); }
    if (slot) { slot.textContent = (slot.textContent ? slot.textContent + ' ' : '') + err.message; } else { stray.push(err.message); }
  }
  message.replaceChildren(notice('Vui lòng sửa các ô được đánh dấu.' + (stray.length ? ' ' + stray.join(' ') : ''), true));
  const first = [...form.querySelectorAll('.err')].find(p => p.textContent);
  const input = first && first.parentElement.querySelector('input,select,textarea');
  if (input) { input.setAttribute('aria-invalid', 'true'); input.focus(); }
}

async function catalogue() {
  const r = await call(ROLE, 'GET', '/api/v1/procedures');
  return r.status === 200 ? r.json.items || [] : [];
}

export function dossierPages({ show, notice, communePicker }) {
  function fieldOf(name, labelText, input, hint) {
    input.id = input.id || 'd-' + name.replace(/\./g, '-');
    if (!input.name) { input.name = name; }
    const hintId = input.id + '-hint';
    if (hint) { input.setAttribute('aria-describedby', hintId); }
    return h('div', { 'data-field': name }, h('label', { for: input.id }, labelText), input,
      hint ? h('p', { class: 'hint', id: hintId }, hint) : null, h('p', { class: 'err', 'aria-live': 'polite' }));
  }

  // ---- list ------------------------------------------------------------------------------

  async function list() {
    const params = new URLSearchParams(location.hash.split('?')[1] || '');
    const status = h('select', { id: 'df-status', name: 'status' }, h('option', { value: '' }, 'Mọi trạng thái'),
      Object.entries(DOSSIER_STATUS).map(([k, v]) => h('option', { value: k, selected: params.get('status') === k }, v)));
    const mode = h('select', { id: 'df-mode', name: 'mode' }, h('option', { value: '' }, 'Mọi hình thức'),
      Object.entries(MODE).map(([k, v]) => h('option', { value: k, selected: params.get('mode') === k }, v)));
    const q = h('input', { id: 'df-q', name: 'q', placeholder: '000.00.12.H56-251124-0001', value: params.get('q') || '' });
    const filter = h('form', { class: 'card row', role: 'search', id: 'dossier-filter' },
      h('div', {}, h('label', { for: 'df-q' }, 'Mã hồ sơ'), q),
      h('div', {}, h('label', { for: 'df-status' }, 'Trạng thái'), status),
      h('div', {}, h('label', { for: 'df-mode' }, 'Hình thức'), mode),
      h('button', { type: 'submit' }, 'Lọc'));
    filter.addEventListener('submit', e => {
      e.preventDefault();
      const p = new URLSearchParams();
      if (q.value.trim()) { p.set('q', q.value.trim()); }
      if (status.value) { p.set('status', status.value); }
      if (mode.value) { p.set('mode', mode.value); }
      location.hash = '#/dossiers?' + p;
    });
    const body = h('tbody');
    const message = h('div');
    const more = h('button', { type: 'button', class: 'secondary hidden', id: 'dossiers-more' }, 'Xem thêm');
    show(h('h2', {}, 'Hồ sơ'), filter, h('div', { class: 'card' },
      h('p', {}, h('a', { href: '#/dossier-new', id: 'dossier-new-link' }, 'Tạo hồ sơ mới')), message,
      h('div', { class: 'table-wrap' }, h('table', { id: 'dossiers' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Mã hồ sơ'), h('th', { class: 'wide' }, 'Thủ tục'), h('th', { class: 'wide' }, 'Hình thức'),
          h('th', {}, 'Trạng thái'), h('th', {}, 'Hẹn trả'))), body)), more));
    const names = new Map((await catalogue()).map(p => [p.code, p.name]));
    const query = new URLSearchParams({ limit: '50' });
    if (params.get('q')) { query.set('dossierCode', params.get('q').trim()); }
    if (params.get('status')) { query.set('status', params.get('status')); }
    if (params.get('mode')) { query.set('mode', params.get('mode')); }
    async function page(cursor) {
      if (cursor) { query.set('cursor', cursor); }
      const r = await call(ROLE, 'GET', '/api/v1/dossiers?' + query);
      if (r.status !== 200) { message.replaceChildren(notice(problemText(r), true)); return; }
      for (const d of r.json.items) {
        body.append(h('tr', { 'data-id': d.id },
          h('td', {}, h('a', { href: '#/dossier/' + d.id }, d.dossierCode)),
          h('td', { class: 'wide' }, names.get(d.procedureCode) || d.procedureCode),
          h('td', { class: 'wide' }, MODE[d.mode] || d.mode), h('td', {}, statusBadge(d.status)),
          h('td', { class: 'date' }, day(d.appointmentDate),
            (d.flags || []).includes('OVERDUE') ? [' ', h('span', { class: 'badge overdue' }, 'Quá hạn')] : null)));
      }
      if (!body.children.length) { message.replaceChildren(notice('Không có hồ sơ nào.')); }
      more.classList.toggle('hidden', !r.json.nextCursor);
      more.onclick = () => page(r.json.nextCursor);
    }
    await page();
  }

  // ---- new dossier -----------------------------------------------------------------------

  /** One address block with its province and commune pickers; its fields are named prefix.line… */
  function addressBlock(prefix, legend) {
    const id = 'd-' + prefix;
    const line = h('input', { autocomplete: 'off' });
    const province = h('select', {}, h('option', { value: '' }, 'Chọn tỉnh, thành phố'));
    const search = h('input', { autocomplete: 'off', placeholder: 'ví dụ: hoan kiem', list: id + '-communes', id: id + '-search' });
    const code = h('input', { inputmode: 'numeric', placeholder: '00070', maxlength: 5 });
    const datalist = h('datalist', { id: id + '-communes' });
    communePicker(province, search, code, datalist);
    const block = h('fieldset', { class: 'card', id: id, 'data-field': prefix }, h('legend', {}, legend),
      h('p', { class: 'err', 'aria-live': 'polite' }),
      h('div', { class: 'grid' },
        fieldOf(prefix + '.line', 'Địa chỉ (số nhà, đường, thôn)', line),
        fieldOf(prefix + '.provinceCode', 'Tỉnh, thành phố', province),
        h('div', {}, h('label', { for: search.id }, 'Tìm xã, phường, đặc khu'), search,
          h('p', { class: 'hint' }, 'Gõ vài chữ đầu của tên, có dấu hay không dấu đều được, rồi chọn trong danh sách.')),
        fieldOf(prefix + '.communeCode', 'Mã xã, phường, đặc khu', code), datalist));
    block.value = () => ({ line: line.value, communeCode: code.value.trim(), provinceCode: province.value });
    return block;
  }

  async function create() {
    const keyFor = idempotency();
    const procedures = await catalogue();
    const procedure = procedures.length
      ? h('select', {}, h('option', { value: '' }, 'Chọn thủ tục'), procedures.map(p => h('option', { value: p.code }, p.name + ' (' + p.code + ')')))
      : h('input', { placeholder: '1.001234' });
    const mode = h('select', {}, Object.entries(MODE).map(([k, v]) => h('option', { value: k }, v)));
    const modeHint = h('p', { class: 'hint', id: 'd-mode-why', 'aria-live': 'polite' });
    const f = {
      dossierCode: h('input', { placeholder: '000.00.12.H56-251124-0001', autocomplete: 'off' }),
      name: h('input', { autocomplete: 'off' }), phone: h('input', { inputmode: 'tel', autocomplete: 'off' }),
      fee: h('input', { type: 'number', min: 0, step: 1000, value: 0 }),
      sms: h('input', { type: 'checkbox', checked: true, id: 'd-notifySms', name: 'notifySms' })
    };
    let feeTouched = false;
    f.fee.addEventListener('input', () => { feeTouched = true; });
    const collection = addressBlock('collectionAddress', 'Địa chỉ bưu điện đến thu gom hồ sơ');
    const delivery = addressBlock('deliveryAddress', 'Địa chỉ nhận kết quả');
    const chosen = () => procedures.find(p => p.code === procedure.value);
    // a mode the procedure's published list does not allow cannot be picked (Circular 01/2018)
    function modes() {
      const p = chosen();
      const allowed = { SUBMIT_BY_POST: !p || p.postalSubmissionAllowed, RESULT_BY_POST: !p || p.postalReturnAllowed,
        BOTH: !p || (p.postalSubmissionAllowed && p.postalReturnAllowed) };
      for (const o of mode.options) { o.disabled = !allowed[o.value]; }
      if (mode.selectedOptions[0] && mode.selectedOptions[0].disabled) {
        const first = [...mode.options].find(o => !o.disabled);
        if (first) { mode.value = first.value; }
      }
      const refused = [];
      if (p && !p.postalSubmissionAllowed) { refused.push('không nhận hồ sơ qua bưu chính'); }
      if (p && !p.postalReturnAllowed) { refused.push('không trả kết quả qua bưu chính'); }
      modeHint.textContent = refused.length ? 'Thủ tục này ' + refused.join(' và ') + ', nên các hình thức đó không chọn được.' : '';
      if (p && !feeTouched) { f.fee.value = p.fee; }
      const m = mode.value;
      collection.classList.toggle('hidden', m === 'RESULT_BY_POST');
      delivery.classList.toggle('hidden', m === 'SUBMIT_BY_POST');
    }
    procedure.addEventListener('change', modes);
    mode.addEventListener('change', modes);
    mode.setAttribute('aria-describedby', 'd-mode-why');
    const message = h('div', { id: 'dossier-message' });
    const submit = h('button', { type: 'submit' }, 'Tạo hồ sơ');
    const modeField = fieldOf('mode', 'Hình thức (Quyết định 45/2016/QĐ-TTg)', mode);
    modeField.insertBefore(modeHint, modeField.querySelector('.err'));
    const form = h('form', { id: 'new-dossier', novalidate: true },
      h('section', { class: 'card' }, h('h2', {}, 'Tạo hồ sơ mới'), message,
        h('div', { class: 'grid' },
          fieldOf('dossierCode', 'Mã hồ sơ', f.dossierCode),
          fieldOf('procedureCode', 'Thủ tục hành chính', procedure, procedures.length ? null : 'Cơ quan chưa có danh mục thủ tục: nhập mã thủ tục.'),
          modeField,
          fieldOf('citizen.name', 'Họ tên công dân', f.name), fieldOf('citizen.phone', 'Số điện thoại', f.phone),
          fieldOf('feeToCollect', 'Phí, lệ phí phải thu của công dân (đồng)', f.fee)),
        h('div', { 'data-field': 'notifySms' }, h('label', { for: 'd-notifySms' }, f.sms, ' Gửi tin nhắn SMS cho công dân'),
          h('p', { class: 'err', 'aria-live': 'polite' }))),
      collection, delivery, h('p', {}, submit));
    modes();
    form.addEventListener('submit', async e => {
      e.preventDefault();
      const body = {
        dossierCode: f.dossierCode.value.trim(), procedureCode: procedure.value.trim(), mode: mode.value,
        citizen: { name: f.name.value, phone: f.phone.value.trim() },
        feeToCollect: Number(f.fee.value || 0), notifySms: f.sms.checked
      };
      if (mode.value !== 'RESULT_BY_POST') { body.collectionAddress = collection.value(); }
      if (mode.value !== 'SUBMIT_BY_POST') { body.deliveryAddress = delivery.value(); }
      form.querySelectorAll('[aria-invalid]').forEach(i => i.removeAttribute('aria-invalid'));
      submit.disabled = true;
      let r;
      try {
        r = await call(ROLE, 'POST', '/api/v1/dossiers', { body, headers: { 'Idempotency-Key': keyFor(body) } });
      } catch (network) {
        submit.disabled = false;
        message.replaceChildren(notice('Mất kết nối. Bấm «Tạo hồ sơ» lại: hồ sơ sẽ không bị tạo hai lần.', true));
        return;
      }
      submit.disabled = false;
      if (r.status === 201 || r.status === 200) { location.hash = '#/dossier/' + r.json.id; return; }
      if (r.status === 422 && r.json.errors) { fieldErrors(form, r, message, notice); return; }
      if (r.status === 409 && r.json.type && r.json.type.endsWith('dossier-exists')) {
        message.replaceChildren(notice('Cơ quan đã có hồ sơ mã ' + body.dossierCode + '.', true),
          h('p', {}, h('a', { href: '#/dossiers?q=' + encodeURIComponent(body.dossierCode) }, 'Tìm hồ sơ đó')));
        return;
      }
      message.replaceChildren(notice(problemText(r), true));
    });
    show(form);
    f.dossierCode.focus();
  }

  // ---- one dossier -----------------------------------------------------------------------

  let polls = { id: null, n: 0 };
  let refresh = null;

  async function detail(id, flash) {
    clearTimeout(refresh);
    const r = await call(ROLE, 'GET', '/api/v1/dossiers/' + id);
    if (r.status !== 200) { show(notice(r.status === 404 ? 'Không tìm thấy hồ sơ này.' : problemText(r), true)); return; }
    const d = r.json;
    const p = (await catalogue()).find(x => x.code === d.procedureCode);
    const message = h('div', { id: 'dossier-message' }, flash || null);
    const legs = h('tbody');
    const pdfLink = h('a', { id: 'dossier-pdf', class: 'hidden', target: '_blank', rel: 'noopener' }, 'Mở tệp PDF nhãn');
    for (const o of d.legs || []) {
      const label = o.itemCode ? h('button', { type: 'button', class: 'secondary', id: 'label-' + o.leg, 'aria-label': 'In nhãn: ' + LEG[o.leg], onclick: async () => {
        const win = window.open('', '_blank');
        const pdf = await call(ROLE, 'GET', '/api/v1/orders/' + o.id + '/label?format=pdf', { accept: 'application/pdf' });
        if (pdf.status !== 200) { if (win) { win.close(); } message.replaceChildren(notice(problemText(pdf), true)); return; }
        showPdf(pdf, pdfLink, win);
      } }, 'In nhãn') : o.status === 'AWAITING_RESULT' ? 'Chờ có kết quả' : 'Đang đặt bưu điện…';
      legs.append(h('tr', { 'data-leg': o.leg }, h('td', {}, h('a', { href: '#/order/' + o.id }, LEG[o.leg])),
        // a PICKUP leg "delivered" is the dossier handed to the office
        h('td', {}, o.leg === 'PICKUP' && o.status === 'DELIVERED' ? h('span', { class: 'badge b-DELIVERED' }, 'Cơ quan đã nhận') : badge(o.status)),
        h('td', {}, o.itemCode || '—'), h('td', {}, label)));
    }
    const timeline = h('ol', { class: 'timeline', id: 'dossier-timeline' });
    for (const s of d.steps || []) {
      timeline.prepend(h('li', {}, h('time', {}, time(s.at)), h('strong', {}, STEP[s.step] || s.step),
        ' → ', DOSSIER_STATUS[s.to] || s.to));
    }
    const delivery = (d.legs || []).find(o => o.leg === 'DELIVERY');
    // a leg still being booked (a new dossier's pickup, a result just marked ready)
    const booking = (d.legs || []).some(l => l.status === 'CREATED' && !l.itemCode)
      || (d.status === 'RESULT_READY' && delivery && !delivery.itemCode);
    const sections = [h('h2', {}, 'Hồ sơ ', d.dossierCode),
      h('section', { class: 'card', id: 'dossier' }, message,
        booking ? notice('Đã có kết quả: chiều trả kết quả đang được đặt với bưu điện; nút in nhãn hiện ra khi có mã bưu gửi.') : null,
        h('dl', { class: 'grid' },
          h('div', {}, h('dt', {}, 'Trạng thái'), h('dd', { id: 'dossier-status' }, statusBadge(d.status))),
          h('div', {}, h('dt', {}, 'Ngày hẹn trả'), h('dd', { id: 'dossier-appointment' }, day(d.appointmentDate))),
          (d.flags || []).includes('OVERDUE') ? h('div', {}, h('dt', {}, 'Cảnh báo'),
            h('dd', { id: 'dossier-overdue' }, h('span', { class: 'badge overdue' }, 'Quá hạn trả kết quả'))) : null,
          h('div', {}, h('dt', {}, 'Thủ tục'), h('dd', {}, p ? p.name + ' (' + d.procedureCode + ')' : d.procedureCode)),
          h('div', {}, h('dt', {}, 'Hình thức'), h('dd', {}, MODE[d.mode] || d.mode)),
          h('div', {}, h('dt', {}, 'Công dân'), h('dd', {}, d.citizen.name, ' · ', d.citizen.phone)),
          h('div', {}, h('dt', {}, 'Phí, lệ phí phải thu'), h('dd', {}, money(d.feeToCollect))),
          d.collectionAddress ? h('div', {}, h('dt', {}, 'Thu gom tại'), h('dd', {}, address(d.collectionAddress))) : null,
          d.deliveryAddress ? h('div', {}, h('dt', {}, 'Trả kết quả tại'), h('dd', {}, address(d.deliveryAddress))) : null),
        d.supplement && d.status === 'SUPPLEMENT_REQUESTED' ? h('p', { class: 'notice', id: 'dossier-supplement' },
          'Chờ công dân bổ sung: ', (d.supplement.documents || []).join('; '), ' — ', d.supplement.reason) : null),
      h('section', { class: 'card' }, h('h2', {}, 'Các chiều bưu gửi'),
        h('div', { class: 'table-wrap' }, h('table', { id: 'dossier-legs' },
          h('thead', {}, h('tr', {}, h('th', {}, 'Chiều'), h('th', {}, 'Trạng thái'), h('th', {}, 'Mã bưu gửi'), h('th', {}, 'Nhãn'))), legs)),
        pdfLink),
      steps(d, p, message),
      h('section', { class: 'card' }, h('h2', {}, 'Quá trình'), timeline)];
    show(...sections);
    // after a step the form that had the focus is gone: the answer takes it
    if (flash) { message.setAttribute('tabindex', '-1'); message.focus(); }
    // legs are booked by a job: look again until they have their item codes, for at most a minute
    if (polls.id !== id) { polls = { id, n: 0 }; }
    if (booking && polls.n++ < 30) {
      const here = location.hash;
      const again = () => {
        if (location.hash !== here) { return; }
        // an officer filling a step's form keeps it; look again later
        if (document.querySelector('#step-form form')) { refresh = setTimeout(again, 2000); } else { detail(id); }
      };
      refresh = setTimeout(again, 2000);
    }
  }

  /** The buttons of the steps the dossier allows now, each opening its own small form. */
  function steps(d, p, message) {
    const allowed = d.allowedSteps || [];
    const panel = h('div', { id: 'step-form' });
    const buttons = allowed.map(s => h('button', { type: 'button', id: 'step-' + s, class: s === 'cancel' ? 'secondary' : null,
      onclick: () => { panel.replaceChildren(stepForm(d, p, s, message)); const first = panel.querySelector('input,textarea,button'); if (first) { first.focus(); } } },
      STEP_BUTTON[s] || s));
    return h('section', { class: 'card', id: 'dossier-steps' }, h('h2', {}, 'Việc cần làm'),
      allowed.length ? h('div', { class: 'row' }, buttons) : h('p', {}, 'Hồ sơ ở trạng thái này không còn bước nào cho bộ phận một cửa.'),
      panel);
  }

  function stepForm(d, p, step, message) {
    const keyFor = idempotency();
    const local = h('div');
    const fields = h('div');
    let bodyOf = () => ({});
    let intro = null;
    let confirmText = STEP_BUTTON[step];
    if (step === 'receive') {
      const pickup = (d.legs || []).find(o => o.leg === 'PICKUP');
      const rows = h('tbody');
      const addRow = (name = '', kind = 'ORIGINAL', count = 1) => rows.append(h('tr', {},
        h('td', {}, h('input', { name: 'doc-name', value: name, 'aria-label': 'Tên giấy tờ' })),
        h('td', {}, h('select', { name: 'doc-kind', 'aria-label': 'Loại' }, h('option', { value: 'ORIGINAL', selected: kind === 'ORIGINAL' }, 'Bản chính'),
          h('option', { value: 'COPY', selected: kind === 'COPY' }, 'Bản sao'))),
        h('td', {}, h('input', { name: 'doc-count', type: 'number', min: 1, value: count, 'aria-label': 'Số lượng' }))));
      if (p && p.components && p.components.length) { p.components.forEach(c => addRow(c.name, c.kind, c.count)); } else { addRow(); }
      const seal = h('input', { type: 'checkbox', id: 'ds-seal', checked: true });
      const fee = h('input', { type: 'number', min: 0, step: 1000, value: pickup && pickup.status !== 'DELIVERED' ? pickup.feeToCollect || 0 : 0 });
      const receipt = h('input', { autocomplete: 'off' });
      const appointment = h('input', { type: 'date' });
      const note = h('input', {});
      intro = h('p', { id: 'ds-catalogue' }, p && p.components && p.components.length
        ? 'Kiểm đếm theo danh mục thủ tục «' + p.name + '»; thiếu so với danh mục hay với danh sách bưu tá ghi khi thu gom thì hồ sơ được đánh dấu cần xử lý.'
        : 'Kiểm đếm lại các thành phần hồ sơ.');
      fields.append(
        h('div', { 'data-field': 'checklist' }, h('div', { class: 'table-wrap' }, h('table', {},
          h('thead', {}, h('tr', {}, h('th', {}, 'Giấy tờ'), h('th', {}, 'Loại'), h('th', {}, 'Số lượng'))), rows)),
          h('p', { class: 'err', 'aria-live': 'polite' })),
        h('p', {}, h('button', { type: 'button', class: 'secondary', onclick: () => addRow() }, 'Thêm giấy tờ')),
        h('div', { 'data-field': 'sealIntact' }, h('label', { for: 'ds-seal' }, seal, ' Niêm phong còn nguyên'), h('p', { class: 'err', 'aria-live': 'polite' })),
        h('div', { class: 'grid' },
          fieldOf('feeHandedOver.amount', 'Tiền phí bưu điện bàn giao (đồng)', fee),
          fieldOf('feeHandedOver.receiptNumber', 'Số biên lai', receipt),
          fieldOf('appointmentDate', 'Ngày hẹn trả kết quả', appointment, p
            ? 'Thời hạn giải quyết: ' + p.processingDays + ' ngày làm việc. Bỏ trống để hệ thống tự tính; nếu chưa tính được, hệ thống báo ngay dưới ô này.' : null),
          fieldOf('note', 'Ghi chú', note)));
      bodyOf = () => {
        const checklist = [...rows.children].map(tr => ({ name: tr.querySelector('[name=doc-name]').value.trim(),
          kind: tr.querySelector('[name=doc-kind]').value, count: Number(tr.querySelector('[name=doc-count]').value) }))
          .filter(x => x.name);
        const body = { checklist, sealIntact: seal.checked };
        if (Number(fee.value) > 0) {
          body.feeHandedOver = { amount: Number(fee.value) };
          if (receipt.value.trim()) { body.feeHandedOver.receiptNumber = receipt.value.trim(); }
        }
        if (appointment.value) { body.appointmentDate = appointment.value; }
        if (note.value.trim()) { body.note = note.value.trim(); }
        return body;
      };
      confirmText = 'Xác nhận tiếp nhận';
    } else if (step === 'supplement') {
      const docs = h('textarea', { rows: 3 });
      const reason = h('input', {});
      fields.append(fieldOf('documents', 'Giấy tờ cần bổ sung (mỗi dòng một giấy tờ)', docs),
        fieldOf('reason', 'Lý do', reason, 'Công dân nhận tin nhắn SMS báo số giấy tờ cần bổ sung.'));
      bodyOf = () => ({ documents: docs.value.split('\n').map(x => x.trim()).filter(Boolean), reason: reason.value.trim() });
      confirmText = 'Gửi yêu cầu bổ sung';
    } else if (step === 'cancel') {
      const reason = h('input', {});
      intro = h('p', { class: 'notice bad' }, 'Hủy hồ sơ sẽ hủy các chiều bưu gửi còn hủy được. Không hoàn tác được.');
      fields.append(fieldOf('reason', 'Lý do hủy', reason));
      bodyOf = () => (reason.value.trim() ? { reason: reason.value.trim() } : {});
      confirmText = 'Xác nhận hủy hồ sơ';
    } else if (step === 'result-ready') {
      intro = h('p', {}, (d.legs || []).some(o => o.leg === 'DELIVERY')
        ? 'Chiều trả kết quả sẽ được đặt với bưu điện, công dân nhận SMS báo kết quả đang được chuyển.'
        : 'Công dân đến nhận kết quả tại bộ phận một cửa.');
    } else if (step === 'close') {
      intro = h('p', {}, 'Kết thúc hồ sơ: không còn bước nào sau đó.');
    }
    const submit = h('button', { type: 'submit', id: 'step-confirm' }, confirmText);
    const form = h('form', { id: 'step-' + step + '-form', novalidate: true }, h('h3', {}, STEP_BUTTON[step]), intro, fields, local,
      h('div', { class: 'row' }, submit, h('button', { type: 'button', class: 'secondary', onclick: () => form.remove() }, 'Thôi')));
    form.addEventListener('submit', async e => {
      e.preventDefault();
      const body = bodyOf();
      submit.disabled = true;
      let r;
      try {
        r = await call(ROLE, 'POST', '/api/v1/dossiers/' + d.id + '/' + step, { body, headers: { 'Idempotency-Key': keyFor(body) } });
      } catch (network) {
        submit.disabled = false;
        local.replaceChildren(notice('Mất kết nối. Bấm lại: bước này sẽ không bị ghi hai lần.', true));
        return;
      }
      submit.disabled = false;
      if (r.status === 200) {
        const gaps = r.json.receipt && !r.json.receipt.match;
        detail(d.id, notice(gaps ? 'Đã ghi nhận sai lệch: ' + (r.json.receipt.discrepancies || []).join('; ') + '. Hồ sơ được đánh dấu cần xử lý.'
          : step === 'result-ready' && r.json.deliveryOrderId ? 'Đã ghi nhận có kết quả; chiều trả kết quả được đặt với bưu điện, công dân nhận SMS.'
            : 'Đã ghi: ' + (STEP_BUTTON[step] || step).toLowerCase() + '.', gaps));
        return;
      }
      if (r.status === 422 && r.json.errors) { fieldErrors(form, r, local, notice); return; }
      if (r.status === 409 && r.json.dossierStatus) {
        const now = (r.json.allowedSteps || []).map(s => STEP_BUTTON[s] || s);
        detail(d.id, notice('Không thực hiện được: hồ sơ đang ở trạng thái «' + (DOSSIER_STATUS[r.json.dossierStatus] || r.json.dossierStatus)
          + '». ' + (now.length ? 'Các bước làm được lúc này: ' + now.join(', ') + '.' : 'Không còn bước nào làm được.'), true));
        return;
      }
      local.replaceChildren(notice(problemText(r), true));
    });
    return form;
  }

  return { list, create, detail };
}
