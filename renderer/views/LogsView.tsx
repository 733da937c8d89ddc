import { useEffect, useReducer, useRef, useState } from 'react';
import type { GatehouseBridge } from '../../shared/ipc/contract';
import { Notice } from '../components/Notice';
import { ViewFrame } from '../components/ViewFrame';
import { formatLogLine } from '../format/log-line';
import { useBridgeEvent } from '../hooks/useLiveValue';
import { emptyLogBuffer, logBufferReducer, type LogLine } from '../state/log-buffer';
import { strings } from '../strings';

export interface LogsViewProps {
  bridge: GatehouseBridge | undefined;
}

function LogRow({ line }: { line: LogLine }) {
  const formatted = formatLogLine(line.text);
  return (
    <div className="log-line" data-level={formatted.level}>
      {formatted.time !== undefined && <span className="log-line__time">{formatted.time}</span>}
      {formatted.level !== undefined && <span className="log-line__level">{strings.logs.levels[formatted.level]}</span>}
      <span className="log-line__message">{formatted.message}</span>
    </div>
  );
}

/** Recent log lines, then each new one, following the bottom unless paused. */
export function LogsView({ bridge }: LogsViewProps) {
  const [buffer, dispatch] = useReducer(logBufferReducer, undefined, emptyLogBuffer);
  const [failed, setFailed] = useState(false);
  const scroller = useRef<HTMLDivElement>(null);

  useBridgeEvent(bridge, 'logs:line', (line) => {
    if (typeof line === 'string') dispatch({ type: 'line', text: line });
  });

  useEffect(() => {
    if (!bridge) return;
    let current = true;
    bridge.invoke('logs:recent').then(
      (lines) => current && Array.isArray(lines) && dispatch({ type: 'recent', lines: lines.filter((l) => typeof l === 'string') }),
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [bridge]);

  const lastId = buffer.shown.at(-1)?.id;
  useEffect(() => {
    const element = scroller.current;
    if (element && !buffer.paused) element.scrollTop = element.scrollHeight;
  }, [lastId, buffer.paused]);

  const s = strings.logs;
  return (
    <ViewFrame
      name="logs"
      title={s.title}
      bridge={bridge}
      className="logs"
      aside={
        <div className="logs__controls">
          {buffer.paused && buffer.held.length > 0 && (
            <span className="muted" data-testid="logs-held">
              {s.held(buffer.held.length)}
            </span>
          )}
          <button
            type="button"
            className="button button--small"
            aria-pressed={buffer.paused}
            aria-label={s.pauseLabel}
            onClick={() => dispatch({ type: buffer.paused ? 'resume' : 'pause' })}
          >
            {buffer.paused ? s.resume : s.pause}
          </button>
        </div>
      }
    >
      {failed && <Notice tone="error">{strings.common.loadFailed}</Notice>}
      <div ref={scroller} className="log-view" role="log" aria-live="off" aria-label={s.viewLabel} tabIndex={0} data-testid="log-view">
        {buffer.dropped > 0 && <div className="log-line log-line--meta">{s.dropped(buffer.dropped)}</div>}
        {buffer.shown.length === 0 && <div className="log-line log-line--meta">{s.empty}</div>}
        {buffer.shown.map((line) => (
          <LogRow key={line.id} line={line} />
        ))}
      </div>
    </ViewFrame>
  );
}
