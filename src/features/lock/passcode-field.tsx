import { PASSCODE_MAX_DIGITS } from '../../db/vault';

type Props = {
  label: string;
  value: string;
  onChange: (value: string) => void;
  autoComplete: 'new-password' | 'current-password';
  describedBy?: string;
  invalid?: boolean;
  autoFocus?: boolean;
};

/** A passcode box that brings up the number pad on a tablet and keeps only digits. */
export function PasscodeField({ label, value, onChange, autoComplete, describedBy, invalid, autoFocus }: Props) {
  return (
    <label className="field">
      <span>{label}</span>
      <input
        className="passcode-input"
        type="password"
        inputMode="numeric"
        pattern="[0-9]*"
        autoComplete={autoComplete}
        maxLength={PASSCODE_MAX_DIGITS}
        // biome-ignore lint/a11y/noAutofocus: the only task on this screen is to type the passcode
        autoFocus={autoFocus}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        value={value}
        onChange={(event) => onChange(event.target.value.replace(/\D/g, ''))}
      />
    </label>
  );
}
