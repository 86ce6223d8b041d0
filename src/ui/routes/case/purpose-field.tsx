import { PURPOSES } from './fields';

/** The purpose of reading a subscriber identity, as the law asks it to be recorded. */
export function PurposeField() {
  return (
    <label>
      Purpose
      <select name="purpose" required defaultValue="investigation">
        {PURPOSES.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </label>
  );
}
