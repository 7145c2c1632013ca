import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Open311RequestBody } from '../../../../src/contract/citizen-reports.js';
import { api, ApiError } from '../../api.js';
import { errorKey } from '../../app/feedback.js';
import { Link, navigate } from '../../app/router.js';
import { reportPath } from '../../app/routes.js';
import { useResource } from '../../app/use-resource.js';
import { useFormat } from '../../i18n/use-format.js';
import { PointPicker } from '../../map/PointPicker.js';
import './citizen.css';
import { mapControlLabels } from '../../map/control-labels.js';

type Kind = 'report' | 'tip';

const fields = ['service_code', 'description', 'lat', 'long', 'email', 'phone', 'first_name', 'last_name'] as const;

/**
 * A citizen's report or tip, without signing in: what happened, where (a click on the map, the device's location, or
 * typed coordinates; a tip may have no place), anonymous unless the citizen adds a way to reach them. On success the
 * page shows the code to follow it by.
 */
export function ReportPage() {
  const { t } = useTranslation();
  const { language } = useFormat();
  const services = useResource(`report-services:${language}`, (signal) => api.reportServices(language, signal));
  const outlines = useResource('report-outlines', (signal) => api.boundaries({ level: 'region' }, signal));
  const [kind, setKind] = useState<Kind>('report');
  const [service, setService] = useState('');
  const [description, setDescription] = useState('');
  const [point, setPoint] = useState<{ lat: number; lon: number } | null>(null);
  const [address, setAddress] = useState('');
  const [withContact, setWithContact] = useState(false);
  const [contact, setContact] = useState({ name: '', email: '', phone: '' });
  const [website, setWebsite] = useState('');
  const [pending, setPending] = useState(false);
  const [locating, setLocating] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<string | null>(null);
  const errorId = useId();

  useEffect(() => {
    document.title = `${t('citizen.title')} — ${t('app.name')}`;
  }, [t]);

  const controlLabels = useMemo(() => mapControlLabels(t), [t]);

  const useMyLocation = () => {
    if (!('geolocation' in navigator)) return;
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        setPoint({ lat: position.coords.latitude, lon: position.coords.longitude });
      },
      () => {
        setLocating(false);
        setError(new ApiError('VALIDATION_FAILED', 0, 'no position', 'lat'));
      },
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  };

  const setCoordinate = (which: 'lat' | 'lon', value: string) => {
    const number = Number(value);
    if (value.trim() === '' || !Number.isFinite(number)) {
      setPoint(null);
      return;
    }
    setPoint((p) => ({ lat: p?.lat ?? 0, lon: p?.lon ?? 0, [which]: number }));
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    const [first, ...rest] = contact.name.trim().split(/\s+/);
    const body: Open311RequestBody = {
      service_code: service,
      description,
      kind,
      ...(point ? { lat: point.lat, long: point.lon } : {}),
      ...(address.trim() ? { address_string: address } : {}),
      ...(withContact && first ? { first_name: first, ...(rest.length ? { last_name: rest.join(' ') } : {}) } : {}),
      ...(withContact && contact.email.trim() ? { email: contact.email.trim() } : {}),
      ...(withContact && contact.phone.trim() ? { phone: contact.phone.trim() } : {}),
      ...(website ? { website } : {}),
    };
    api.fileReport(body, language).then(
      (answer) => {
        setPending(false);
        setCreated(answer[0]?.service_request_id ?? null);
      },
      (failure: unknown) => {
        setPending(false);
        setError(failure);
      },
    );
  };

  if (created !== null) {
    return (
      <section className="citizen" aria-labelledby="report-done-title" data-testid="report-created">
        <h1 id="report-done-title">{t('citizen.thanks')}</h1>
        <p>{t('citizen.keepCode')}</p>
        <p className="citizen-code" dir="ltr" data-testid="report-code">
          {created}
        </p>
        <p>
          <Link to={reportPath(created)}>{t('citizen.follow')}</Link>
        </p>
        <p className="citizen-urgent">{t('citizen.urgent')}</p>
      </section>
    );
  }

  const field = error instanceof ApiError ? error.field : undefined;
  const fieldName = field && (fields as readonly string[]).includes(field) ? t(`citizen.field.${field}`) : null;

  return (
    <section className="citizen" aria-labelledby="report-title">
      <h1 id="report-title">{t('citizen.title')}</h1>
      <p className="citizen-lead">{t('citizen.lead')}</p>
      <p className="citizen-urgent">{t('citizen.urgent')}</p>
      <form className="citizen-form" onSubmit={submit} aria-describedby={error ? errorId : undefined} noValidate>
        <fieldset>
          <legend>{t('citizen.kind')}</legend>
          {(['report', 'tip'] as const).map((k) => (
            <label key={k} className="citizen-choice">
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
              {t(`citizen.kind.${k}`)}
            </label>
          ))}
        </fieldset>
        <label>
          {t('citizen.field.service_code')}
          <select name="service" value={service} onChange={(e) => setService(e.target.value)} required>
            <option value="">{t('citizen.chooseService')}</option>
            {services.status === 'ready' &&
              services.data.map((s) => (
                <option key={s.service_code} value={s.service_code}>
                  {s.service_name}
                </option>
              ))}
          </select>
        </label>
        <label>
          {t('citizen.field.description')}
          <textarea
            name="description"
            rows={5}
            maxLength={2000}
            required
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
        </label>
        <fieldset>
          <legend>{kind === 'tip' ? t('citizen.placeOptional') : t('citizen.place')}</legend>
          <p className="citizen-hint">{t('citizen.placeHint')}</p>
          <PointPicker
            label={t('citizen.mapLabel')}
            outlines={outlines.status === 'ready' ? outlines.data : null}
            point={point}
            onPick={setPoint}
            controlLabels={controlLabels}
            unavailable={t('map.unavailable')}
          />
          <div className="citizen-row">
            <button type="button" className="secondary" onClick={useMyLocation} disabled={locating}>
              {t('citizen.useLocation')}
            </button>
            {point && (
              <button type="button" className="secondary" onClick={() => setPoint(null)}>
                {t('citizen.clearPlace')}
              </button>
            )}
          </div>
          <div className="citizen-row">
            <label>
              {t('citizen.field.lat')}
              <input
                name="lat"
                inputMode="decimal"
                dir="ltr"
                value={point ? String(point.lat) : ''}
                onChange={(e) => setCoordinate('lat', e.target.value)}
              />
            </label>
            <label>
              {t('citizen.field.long')}
              <input
                name="lon"
                inputMode="decimal"
                dir="ltr"
                value={point ? String(point.lon) : ''}
                onChange={(e) => setCoordinate('lon', e.target.value)}
              />
            </label>
          </div>
          {point && (
            <p className="citizen-hint" data-testid="report-point">
              {t('citizen.pointChosen', { lat: point.lat.toFixed(5), lon: point.lon.toFixed(5) })}
            </p>
          )}
          <label>
            {t('citizen.address')}
            <input name="address" maxLength={300} value={address} onChange={(e) => setAddress(e.target.value)} />
          </label>
        </fieldset>
        <fieldset>
          <legend>{t('citizen.contact')}</legend>
          <label className="citizen-choice">
            <input type="checkbox" checked={!withContact} onChange={(e) => setWithContact(!e.target.checked)} />
            {t('citizen.anonymous')}
          </label>
          {withContact && (
            <div className="citizen-row">
              <label>
                {t('citizen.name')}
                <input
                  name="name"
                  autoComplete="name"
                  value={contact.name}
                  onChange={(e) => setContact({ ...contact, name: e.target.value })}
                />
              </label>
              <label>
                {t('citizen.field.email')}
                <input
                  name="email"
                  type="email"
                  dir="ltr"
                  autoComplete="email"
                  value={contact.email}
                  onChange={(e) => setContact({ ...contact, email: e.target.value })}
                />
              </label>
              <label>
                {t('citizen.field.phone')}
                <input
                  name="phone"
                  type="tel"
                  dir="ltr"
                  autoComplete="tel"
                  value={contact.phone}
                  onChange={(e) => setContact({ ...contact, phone: e.target.value })}
                />
              </label>
            </div>
          )}
          <p className="citizen-hint">{t('citizen.contactHint')}</p>
        </fieldset>
        {/* Left empty by people; filled by form-filling robots, whose reports are then refused. */}
        <label className="citizen-trap" aria-hidden="true">
          Website
          <input
            name="website"
            tabIndex={-1}
            autoComplete="off"
            value={website}
            onChange={(e) => setWebsite(e.target.value)}
          />
        </label>
        {error !== null && (
          <p id={errorId} className="form-error" role="alert">
            {t(errorKey(error))}
            {fieldName && ` (${fieldName})`}
          </p>
        )}
        <button type="submit" disabled={pending || service === '' || description.trim() === ''}>
          {pending ? t('citizen.sending') : t('citizen.send')}
        </button>
      </form>
      <FollowForm />
    </section>
  );
}

/** Opens the follow-up page of a code the citizen already has. */
function FollowForm() {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const go = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const clean = code.trim().toUpperCase();
    if (/^[A-Z0-9]{1,20}$/.test(clean)) navigate(reportPath(clean));
  };
  return (
    <form className="citizen-follow" onSubmit={go}>
      <label>
        {t('citizen.haveCode')}
        <input name="code" dir="ltr" maxLength={20} value={code} onChange={(e) => setCode(e.target.value)} />
      </label>
      <button type="submit" className="secondary" disabled={code.trim() === ''}>
        {t('citizen.followButton')}
      </button>
    </form>
  );
}
