'use strict';
// The online consultation page (issue 11, ADR 0027): plain JavaScript, no build step. It talks to the command API
// on its own origin (login, consent, room tickets) and reads the upcoming appointments from the query API, whose
// address /consulta/config gives (empty: the same origin, as behind the gateway).

const $ = (id) => document.getElementById(id);
const session = { accessToken: null, refreshToken: null, role: null, queryApiUrl: '' };
const room = {
  appointmentId: null, ticket: null, ws: null, pc: null, peer: null, role: null, localStream: null,
  pendingCandidates: [], leaving: false, reconnectTimer: null, closesAt: null, signals: Promise.resolve(),
};
// Read by the browser test: the current peer connection and the last signalling state.
window.healthmedRoom = { peerConnection: () => room.pc, role: () => room.role, state: () => $('state').textContent };

const STATE_TEXT = {
  new: 'aguardando o outro participante', connecting: 'conectando…', connected: 'conectado',
  disconnected: 'conexão instável…', failed: 'falha na conexão', closed: 'encerrada',
};
const CLOSE_TEXT = {
  'consultation-room-not-open': 'A sala ainda não está aberta: ela abre 10 minutos antes do horário.',
  'consultation-room-closed': 'A sala já foi fechada.',
  'consultation-ended': 'A consulta foi encerrada pelo(a) médico(a).',
  'consultation-unavailable': 'Esta consulta não está disponível (cancelada ou não confirmada).',
  'consultation-consent-required': 'É preciso registrar o consentimento antes de entrar.',
  'appointment-not-found': 'Consulta não encontrada.',
  'replaced-by-new-connection': 'Você entrou na sala em outra janela.',
  'too-many-messages': 'Conexão encerrada por excesso de mensagens.',
};

function message(text) {
  $('message').textContent = text || '';
}

function show(...ids) {
  for (const section of document.querySelectorAll('main > section')) {
    section.hidden = !ids.includes(section.id);
  }
}

async function api(method, path, body, base = '', retried = false) {
  const headers = { 'Accept': 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (session.accessToken) headers['Authorization'] = 'Bearer ' + session.accessToken;
  const response = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (response.status === 401 && data && data.code === 'token-expired' && session.refreshToken && !retried) {
    await refresh();
    return api(method, path, body, base, true);
  }
  if (!response.ok) {
    const error = new Error((data && (CLOSE_TEXT[data.code] || data.detail)) || ('Erro ' + response.status));
    error.code = data && data.code;
    throw error;
  }
  return data;
}

async function refresh() {
  const tokens = await api('POST', '/api/auth/refresh', { refreshToken: session.refreshToken }, '', true);
  remember(tokens);
}

function remember(tokens) {
  session.accessToken = tokens.accessToken;
  session.refreshToken = tokens.refreshToken;
  const claims = tokens.accessToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  session.role = JSON.parse(atob(claims + '='.repeat((4 - claims.length % 4) % 4))).role;
  sessionStorage.setItem('healthmed.session', JSON.stringify(session));
}

async function login(event, path, body) {
  event.preventDefault();
  message('');
  try {
    remember(await api('POST', path, body));
    await afterLogin();
  } catch (error) {
    message('Não foi possível entrar: ' + error.message);
  }
}

async function afterLogin() {
  $('who').textContent = session.role === 'DOCTOR' ? 'Médico(a)' : 'Paciente';
  $('logout').hidden = false;
  const direct = new URLSearchParams(location.search).get('consulta');
  if (direct) {
    await open(direct);
    return;
  }
  show('list-section');
  await listAppointments();
}

async function listAppointments() {
  const list = $('appointments');
  list.replaceChildren();
  $('appointments-note').textContent = 'Carregando…';
  try {
    const today = new Date().toISOString().slice(0, 10);
    const page = await api('GET', '/api/appointments?status=ACCEPTED&from=' + today, undefined, session.queryApiUrl);
    const items = (page.content || page.items || []).filter((a) => new Date(a.end) > new Date());
    for (const appointment of items) {
      const item = document.createElement('li');
      const other = session.role === 'DOCTOR' ? (appointment.patient && appointment.patient.name)
          : (appointment.doctor && appointment.doctor.name);
      item.textContent = new Date(appointment.start).toLocaleString('pt-BR') + ' — ' + (other || '') + ' ';
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'Abrir';
      button.addEventListener('click', () => open(appointment.appointmentId));
      item.append(button);
      list.append(item);
    }
    $('appointments-note').textContent = items.length ? '' : 'Nenhuma consulta confirmada por vir.';
  } catch (error) {
    $('appointments-note').textContent = 'Não foi possível carregar a lista (' + error.message + '); use o código da consulta.';
  }
}

async function open(appointmentId) {
  room.appointmentId = appointmentId.trim();
  $('join-id').textContent = room.appointmentId;
  message('');
  show(session.role === 'PATIENT' ? 'consent-section' : 'join-section');
  if (session.role === 'PATIENT') {
    $('consent-check').checked = false;
    $('consent-button').disabled = true;
  }
}

async function recordConsent() {
  try {
    await api('POST', '/api/appointments/' + room.appointmentId + '/consultation/consent');
    show('join-section');
  } catch (error) {
    message(error.message);
  }
}

async function join() {
  message('');
  room.leaving = false;
  try {
    room.localStream = room.localStream || await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
  } catch (error) {
    message('Não foi possível acessar a câmera e o microfone: ' + error.message);
    return;
  }
  $('local-video').srcObject = room.localStream;
  show('room-section');
  await connect();
}

async function connect() {
  clearTimeout(room.reconnectTimer);
  try {
    room.ticket = await api('POST', '/api/appointments/' + room.appointmentId + '/consultation/tickets');
  } catch (error) {
    message(error.message);
    setState('desconectado');
    if (!error.code) scheduleReconnect();
    return;
  }
  room.role = room.ticket.role;
  $('end').hidden = room.role !== 'DOCTOR';
  const url = new URL(room.ticket.path, location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const ws = new WebSocket(url, [room.ticket.protocol, 'ticket.' + room.ticket.ticket]);
  room.ws = ws;
  // One signal at a time, in arrival order: an answer must not be applied while the offer is still being set.
  ws.onmessage = (event) => {
    const signal = JSON.parse(event.data);
    room.signals = room.signals.then(() => onSignal(signal)).catch((error) => message(error.message));
  };
  ws.onclose = (event) => onClose(ws, event);
  setState('aguardando o outro participante');
}

function send(signal) {
  if (room.ws && room.ws.readyState === WebSocket.OPEN) room.ws.send(JSON.stringify(signal));
}

function setState(text) {
  $('state').textContent = text;
}

function newPeerConnection() {
  closePeerConnection();
  const iceServers = (room.ticket.ice.iceServers || []).map((server) => {
    const entry = { urls: server.urls };
    if (server.username) entry.username = server.username;
    if (server.credential) entry.credential = server.credential;
    return entry;
  });
  const pc = new RTCPeerConnection({ iceServers });
  room.localStream.getTracks().forEach((track) => pc.addTrack(track, room.localStream));
  pc.onicecandidate = (event) => send({ type: 'candidate', candidate: event.candidate ? event.candidate.toJSON() : null });
  pc.ontrack = (event) => { $('remote-video').srcObject = event.streams[0]; };
  pc.onconnectionstatechange = () => setState(STATE_TEXT[pc.connectionState] || pc.connectionState);
  room.pc = pc;
  room.pendingCandidates = [];
  return pc;
}

function closePeerConnection() {
  if (room.pc) room.pc.close();
  room.pc = null;
  $('remote-video').srcObject = null;
}

async function onSignal(signal) {
  switch (signal.type) {
    case 'welcome':
      room.closesAt = signal.closesAt;
      break;
    case 'peer-joined':
      if (signal.peer === room.peer) break;
      room.peer = signal.peer;
      // The doctor always makes the offer; the patient waits for it.
      if (room.role === 'DOCTOR') {
        const pc = newPeerConnection();
        const offer = await pc.createOffer();
        await pc.setLocalDescription(offer);
        send({ type: 'offer', sdp: offer.sdp });
      } else {
        closePeerConnection();
      }
      setState('conectando…');
      break;
    case 'peer-left':
      if (signal.peer === room.peer) {
        room.peer = null;
        closePeerConnection();
        setState('o outro participante saiu; aguardando o retorno');
      }
      break;
    case 'offer': {
      room.peer = signal.peer;
      const pc = newPeerConnection();
      await pc.setRemoteDescription({ type: 'offer', sdp: signal.sdp });
      const answer = await pc.createAnswer();
      await pc.setLocalDescription(answer);
      send({ type: 'answer', sdp: answer.sdp });
      await flushCandidates();
      break;
    }
    case 'answer':
      if (room.pc && signal.peer === room.peer && room.pc.signalingState === 'have-local-offer') {
        await room.pc.setRemoteDescription({ type: 'answer', sdp: signal.sdp });
        await flushCandidates();
      }
      break;
    case 'candidate':
      if (signal.peer !== room.peer) break;
      if (room.pc && room.pc.remoteDescription) {
        await addCandidate(signal.candidate);
      } else {
        room.pendingCandidates.push(signal.candidate);
      }
      break;
    case 'consultation-ended':
      message(CLOSE_TEXT['consultation-ended']);
      break;
    default:
      break;
  }
}

async function flushCandidates() {
  const pending = room.pendingCandidates;
  room.pendingCandidates = [];
  for (const candidate of pending) {
    await addCandidate(candidate);
  }
}

// A candidate the browser cannot use (another network, the end-of-candidates mark) is no reason to stop.
async function addCandidate(candidate) {
  try {
    await room.pc.addIceCandidate(candidate || undefined);
  } catch (error) {
    console.debug('ICE candidate ignored', error);
  }
}

function onClose(ws, event) {
  if (ws !== room.ws) return;
  room.ws = null;
  if (room.leaving) return;
  const final = event.code >= 4000 && event.code !== 4408;
  if (final) {
    closePeerConnection();
    setState('desconectado');
    message(CLOSE_TEXT[event.reason] || ('Conexão encerrada: ' + (event.reason || event.code)));
    return;
  }
  setState('reconectando…');
  scheduleReconnect();
}

function scheduleReconnect() {
  if (room.closesAt && new Date(room.closesAt) <= new Date()) return;
  room.reconnectTimer = setTimeout(() => { if (!room.leaving) connect(); }, 2000);
}

function leave() {
  room.leaving = true;
  clearTimeout(room.reconnectTimer);
  if (room.ws) room.ws.close(1000, 'leave');
  room.ws = null;
  room.peer = null;
  closePeerConnection();
  if (room.localStream) room.localStream.getTracks().forEach((track) => track.stop());
  room.localStream = null;
  $('local-video').srcObject = null;
  setState('desconectado');
  show('list-section');
  listAppointments();
}

async function endConsultation() {
  try {
    await api('POST', '/api/appointments/' + room.appointmentId + '/consultation/end');
    leave();
    message(CLOSE_TEXT['consultation-ended']);
  } catch (error) {
    message(error.message);
  }
}

function toggle(kind, button, offText, onText) {
  if (!room.localStream) return;
  const tracks = kind === 'audio' ? room.localStream.getAudioTracks() : room.localStream.getVideoTracks();
  const enabled = !tracks.every((track) => track.enabled);
  tracks.forEach((track) => { track.enabled = enabled; });
  button.textContent = enabled ? offText : onText;
}

async function start() {
  try {
    const config = await (await fetch('/consulta/config')).json();
    session.queryApiUrl = config.queryApiUrl || '';
  } catch (error) {
    session.queryApiUrl = '';
  }
  for (const radio of document.querySelectorAll('input[name=kind]')) {
    radio.addEventListener('change', () => {
      const doctor = document.querySelector('input[name=kind]:checked').value === 'doctor';
      $('patient-form').hidden = doctor;
      $('doctor-form').hidden = !doctor;
    });
  }
  $('patient-form').addEventListener('submit', (event) => login(event, '/api/auth/patient/login',
      { login: $('patient-login').value.trim(), password: $('patient-password').value }));
  $('doctor-form').addEventListener('submit', (event) => login(event, '/api/auth/doctor/login',
      { crm: $('doctor-crm').value.trim(), uf: $('doctor-uf').value.trim().toUpperCase(), password: $('doctor-password').value }));
  $('direct-form').addEventListener('submit', (event) => { event.preventDefault(); open($('direct-id').value); });
  $('consent-check').addEventListener('change', () => { $('consent-button').disabled = !$('consent-check').checked; });
  $('consent-button').addEventListener('click', recordConsent);
  $('join').addEventListener('click', join);
  $('back').addEventListener('click', () => { show('list-section'); listAppointments(); });
  $('leave').addEventListener('click', leave);
  $('end').addEventListener('click', endConsultation);
  $('mute').addEventListener('click', () => toggle('audio', $('mute'), 'Desativar microfone', 'Ativar microfone'));
  $('camera').addEventListener('click', () => toggle('video', $('camera'), 'Desligar câmera', 'Ligar câmera'));
  $('logout').addEventListener('click', () => {
    leave();
    sessionStorage.removeItem('healthmed.session');
    location.reload();
  });
  const saved = sessionStorage.getItem('healthmed.session');
  if (saved) {
    Object.assign(session, JSON.parse(saved), { queryApiUrl: session.queryApiUrl });
    await afterLogin();
  } else {
    show('login-section');
  }
}

start();
