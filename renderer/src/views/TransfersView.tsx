import { useState } from 'react';
import { ProblemBanner } from '../components/ProblemBanner.tsx';
import { JobRow } from '../components/transfers/JobRow.tsx';
import { historyCsv, historyJson, saveText } from '../lib/history-export.ts';
import { orderedJobs, useTransfers } from '../store/transfers.ts';

export function TransfersView() {
  const { jobs, problem, pauseAll, resumeAll, dismissProblem } = useTransfers();
  const [search, setSearch] = useState('');
  const needle = search.trim().toLocaleLowerCase();
  const all = orderedJobs(jobs);
  const shown = needle ? all.filter((job) => job.label.toLocaleLowerCase().includes(needle) || job.state.includes(needle)) : all;

  return (
    <section className="transfers-view" aria-labelledby="transfers-heading">
      <div className="toolbar">
        <h1 id="transfers-heading">Transfers</h1>
        <span className="spacer" />
        <button type="button" onClick={() => void pauseAll()}>
          Pause all
        </button>
        <button type="button" onClick={() => void resumeAll()}>
          Resume all
        </button>
        <button type="button" onClick={() => saveText('slate-transfers.csv', 'text/csv', historyCsv(all))} disabled={all.length === 0}>
          Export CSV
        </button>
        <button type="button" onClick={() => saveText('slate-transfers.json', 'application/json', historyJson(all))} disabled={all.length === 0}>
          Export JSON
        </button>
        <input type="search" placeholder="Search transfers" aria-label="Search transfers" value={search} onChange={(e) => setSearch(e.target.value)} />
      </div>
      {problem && <ProblemBanner problem={problem} onRetry={dismissProblem} retryLabel="Dismiss" />}
      {shown.length === 0 ? (
        <p className="muted empty">{all.length === 0 ? 'Nothing has been uploaded yet. Drop files on a folder to start.' : 'No transfer matches the search.'}</p>
      ) : (
        <ul className="jobs">
          {shown.map((job) => (
            <JobRow key={job.id} job={job} />
          ))}
        </ul>
      )}
    </section>
  );
}
