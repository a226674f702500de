// The admin's pairing screen: issues a kiosk key (POST /v1/devices, admin token) for one event and shows the
// pairing code as a QR (qrcode-generator, vendored) and as text. The secret is on screen only here, once.
import qrcode from '../vendor/qrcode.mjs';
import { loadMessages, pickLanguage, translatePage, translator } from './i18n.mjs';
import { encodePairing } from './pairing.mjs';
import { loadSiteConfig } from './config.mjs';

const $ = (selector) => document.querySelector(selector);
const lang = pickLanguage(location.search, navigator.languages ?? [navigator.language]);
const t = translator(await loadMessages(lang));
document.documentElement.lang = lang;
translatePage(document, t);
const apiBase = new URLSearchParams(location.search).get('api') ?? (await loadSiteConfig()).api ?? location.origin;

$('#issue').addEventListener('submit', async (e) => {
  e.preventDefault();
  const token = $('#admin-token').value.trim();
  const event = $('#admin-event').value.trim();
  const deviceId = $('#device-id').value.trim();
  const response = await fetch(`${apiBase}/v1/devices`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ device_id: deviceId, role: 'kiosk', events: [event] }),
  });
  const answer = await response.json();
  if (!response.ok) {
    $('#admin-error').textContent = `${response.status} ${answer.reason ?? ''}: ${answer.detail ?? ''}`;
    return;
  }
  const tenant = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))).tenant_id;
  const code = encodePairing({ key_id: answer.key_id, secret: answer.secret, tenant, event, device_id: deviceId });
  const qr = qrcode(0, 'M');
  qr.addData(code);
  qr.make();
  $('#pairing-qr').innerHTML = qr.createSvgTag({ cellSize: 6, margin: 4, scalable: true, alt: t('admin.code'), title: t('admin.code') });
  $('#pairing-code').textContent = code;
  $('#admin-token').value = '';
  $('#pairing').hidden = false;
  $('#admin-error').textContent = '';
});
