import { useBrowse } from '../../store/browse.ts';

export function Breadcrumbs() {
  const { path, goTo } = useBrowse();
  return (
    <nav aria-label="Breadcrumbs" className="breadcrumbs">
      <ol>
        {path.map((crumb, index) => (
          <li key={crumb.id}>
            {index === path.length - 1 ? (
              <span aria-current="page">{crumb.name}</span>
            ) : (
              <button type="button" className="link" onClick={() => void goTo(index)}>
                {crumb.name}
              </button>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
