import type { ComponentChildren, JSX } from 'preact';
import { useId } from 'preact/hooks';

type Props = Omit<JSX.IntrinsicElements['select'], 'label'> & { label: string; children: ComponentChildren };

/**
 * A labelled <select>. The select sits beside its <label for>, not inside it, so its accessible name is the
 * label text alone (a select inside a label would add the chosen option to the name).
 */
export function SelectField({ label, children, ...rest }: Props) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} {...rest}>
        {children}
      </select>
    </div>
  );
}
