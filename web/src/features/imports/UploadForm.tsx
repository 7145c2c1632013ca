import { useEffect, useId, useRef, useState, type DragEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportJob, ImportQuery } from '../../../../src/contract/import.js';
import { api, type ImportPresets } from '../../api.js';
import { ErrorNotice, Loading } from '../../app/feedback.js';
import { useResource } from '../../app/use-resource.js';
import { useFormat } from '../../i18n/use-format.js';

type Preset = ImportPresets['items'][number];

/** The reading options a file may need when detection guesses wrong; empty means "detect". */
const formats: NonNullable<ImportQuery['format']>[] = ['csv', 'jsonl', 'geojson', 'kml'];
const encodings: NonNullable<ImportQuery['encoding']>[] = ['utf-8', 'windows-1256', 'latin1'];
const delimiters = [',', ';', '\t', '|'] as const;
const delimiterNames: Record<(typeof delimiters)[number], string> = {
  ',': 'comma',
  ';': 'semicolon',
  '\t': 'tab',
  '|': 'pipe',
};

/** The preset offered first: Istibaq's own format when the server has it. */
const preferredPreset = 'istibaq';

/** A preset's description in the user's language, else the server's own (English) words. */
export function PresetDescription({ preset }: { preset: Preset }) {
  const { t, i18n } = useTranslation();
  const key = `import.presetInfo.${preset.name}`;
  if (i18n.exists(key)) return <>{t(key)}</>;
  return (
    <span lang="en" dir="ltr">
      {preset.description}
    </span>
  );
}

/**
 * The file, the preset that reads it, and the options; sends the file as it is and hands the queued job on.
 * A file is chosen with the file dialog or dropped on the form.
 */
export function UploadForm({ onStarted }: { onStarted: (job: ImportJob) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const presets = useResource('import-presets', (signal) => api.importPresets(signal));
  const [file, setFile] = useState<File | null>(null);
  const [dragging, setDragging] = useState(false);
  const [chosenPreset, setChosenPreset] = useState<string | null>(null);
  const [update, setUpdate] = useState(false);
  const [strict, setStrict] = useState(false);
  const [dryRun, setDryRun] = useState(false);
  const [source, setSource] = useState('');
  const [fileFormat, setFileFormat] = useState('');
  const [encoding, setEncoding] = useState('');
  const [delimiter, setDelimiter] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const input = useRef<HTMLInputElement>(null);
  const sendingRef = useRef<AbortController | null>(null);
  const ids = {
    file: useId(),
    fileHint: useId(),
    preset: useId(),
    presetInfo: useId(),
    source: useId(),
    sourceHint: useId(),
  };

  // Leaving the page stops an upload still on its way; a job the server has already queued goes on.
  useEffect(() => () => sendingRef.current?.abort(), []);

  const items = presets.status === 'ready' ? presets.data.items : [];
  const presetName =
    chosenPreset ?? (items.some((p) => p.name === preferredPreset) ? preferredPreset : (items[0]?.name ?? null));
  const preset = items.find((p) => p.name === presetName) ?? null;
  const empty = file !== null && file.size === 0;

  const choose = (chosen: File | null) => {
    setFile(chosen);
    setError(null);
  };

  const drop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped) choose(dropped);
  };

  const dragLeave = (event: DragEvent<HTMLDivElement>) => {
    // Moving over the zone's own children fires dragleave too; only leaving the zone itself counts.
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (file === null || presetName === null || empty || sending) return;
    const controller = new AbortController();
    sendingRef.current = controller;
    setSending(true);
    setError(null);
    const query: ImportQuery = {
      preset: presetName,
      fileName: file.name.slice(0, 255) || undefined,
      source: source.trim() || undefined,
      update: update || undefined,
      strict: strict || undefined,
      dryRun: dryRun || undefined,
      format: formats.find((f) => f === fileFormat),
      encoding: encodings.find((e) => e === encoding),
      delimiter: delimiter || undefined,
    };
    api.startImport(file, query, controller.signal).then(
      (job) => {
        setSending(false);
        setFile(null);
        if (input.current) input.current.value = '';
        onStarted(job);
      },
      (failure: unknown) => {
        if (controller.signal.aborted) return;
        setSending(false);
        setError(failure);
      },
    );
  };

  if (presets.status === 'error') {
    return (
      <section className="panel import-form">
        <ErrorNotice error={presets.error} title={t('import.form.presetsFailed')} />
      </section>
    );
  }

  return (
    <section className="panel import-form" aria-labelledby="import-form-title">
      <h2 id="import-form-title">{t('import.form.title')}</h2>
      <form onSubmit={submit} noValidate>
        <div
          className={dragging ? 'dropzone dropzone-active' : 'dropzone'}
          onDragEnter={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragOver={(event) => event.preventDefault()}
          onDragLeave={dragLeave}
          onDrop={drop}
          data-testid="dropzone"
        >
          <input
            ref={input}
            id={ids.file}
            name="file"
            type="file"
            className="visually-hidden"
            aria-describedby={ids.fileHint}
            disabled={sending}
            onChange={(event) => choose(event.target.files?.[0] ?? null)}
          />
          <label htmlFor={ids.file} className="file-button">
            {file ? t('import.form.otherFile') : t('import.form.chooseFile')}
          </label>
          <p id={ids.fileHint} className="dropzone-hint">
            {t('import.form.dropHint')}
          </p>
          {file && (
            <p className="file-chosen" data-testid="chosen-file">
              <bdi>{file.name}</bdi>
              <span className="file-size">{format.bytes(file.size)}</span>
            </p>
          )}
          {empty && <p className="form-error">{t('import.form.emptyFile')}</p>}
        </div>

        <div className="field">
          <label htmlFor={ids.preset}>{t('import.form.preset')}</label>
          {presets.status === 'ready' ? (
            <>
              <select
                id={ids.preset}
                name="preset"
                dir="ltr"
                value={presetName ?? ''}
                aria-describedby={ids.presetInfo}
                disabled={sending}
                onChange={(event) => setChosenPreset(event.target.value)}
              >
                {items.map((p) => (
                  <option key={p.name} value={p.name}>
                    {p.name}
                  </option>
                ))}
              </select>
              <p id={ids.presetInfo} className="field-hint" data-testid="preset-description">
                {preset && (
                  <>
                    <span className="preset-kind">{t(`import.kind.${preset.kind}`)}</span>
                    <PresetDescription preset={preset} />
                  </>
                )}
              </p>
            </>
          ) : (
            <Loading />
          )}
        </div>

        <fieldset className="field options">
          <legend>{t('import.form.options')}</legend>
          <label className="check">
            <input
              type="checkbox"
              name="update"
              checked={update}
              disabled={sending}
              onChange={(e) => setUpdate(e.target.checked)}
            />
            <span>
              {t('import.form.update')}
              <span className="field-hint">{t('import.form.updateHint')}</span>
            </span>
          </label>
          <label className="check">
            <input
              type="checkbox"
              name="strict"
              checked={strict}
              disabled={sending}
              onChange={(e) => setStrict(e.target.checked)}
            />
            <span>
              {t('import.form.strict')}
              <span className="field-hint">{t('import.form.strictHint')}</span>
            </span>
          </label>
          <label className="check">
            <input
              type="checkbox"
              name="dryRun"
              checked={dryRun}
              disabled={sending}
              onChange={(e) => setDryRun(e.target.checked)}
            />
            <span>
              {t('import.form.dryRun')}
              <span className="field-hint">{t('import.form.dryRunHint')}</span>
            </span>
          </label>
        </fieldset>

        <div className="field">
          <label htmlFor={ids.source}>{t('import.form.source')}</label>
          <input
            id={ids.source}
            name="source"
            dir="auto"
            maxLength={100}
            autoComplete="off"
            value={source}
            disabled={sending}
            aria-describedby={ids.sourceHint}
            onChange={(e) => setSource(e.target.value)}
          />
          <p id={ids.sourceHint} className="field-hint">
            {t('import.form.sourceHint')}
          </p>
        </div>

        <details className="advanced">
          <summary>{t('import.form.advanced')}</summary>
          <p className="field-hint">{t('import.form.advancedHint')}</p>
          <div className="advanced-fields">
            <label>
              {t('import.form.format')}
              <select value={fileFormat} disabled={sending} onChange={(e) => setFileFormat(e.target.value)}>
                <option value="">{t('import.form.detect')}</option>
                {formats.map((f) => (
                  <option key={f} value={f}>
                    {t(`import.format.${f}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('import.form.encoding')}
              <select value={encoding} disabled={sending} onChange={(e) => setEncoding(e.target.value)}>
                <option value="">{t('import.form.detect')}</option>
                {encodings.map((e) => (
                  <option key={e} value={e}>
                    {t(`import.encoding.${e}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('import.form.delimiter')}
              <select value={delimiter} disabled={sending} onChange={(e) => setDelimiter(e.target.value)}>
                <option value="">{t('import.form.detect')}</option>
                {delimiters.map((d) => (
                  <option key={d} value={d}>
                    {t(`import.delimiter.${delimiterNames[d]}`)}
                  </option>
                ))}
              </select>
            </label>
          </div>
        </details>

        {error !== null && <ErrorNotice error={error} title={t('import.form.failed')} />}
        <div className="form-actions">
          <button type="submit" disabled={file === null || empty || presetName === null || sending}>
            {dryRun ? t('import.form.submitDryRun') : t('import.form.submit')}
          </button>
          {sending && file && <Loading label={t('import.form.sending', { size: format.bytes(file.size) })} />}
        </div>
      </form>
    </section>
  );
}
