// One "label + mutually exclusive choices" row, drawn the way `rows=` asks, with BigDesign's
// own components (a native <select> for rows=native). Controlled: the value lives in the
// App's reducer; a widget only reports a choice through onChange.
//
//   toggle          <Toggle label>            <label for=ID> + div#ID[role=group] > button[role=switch][aria-checked]
//   toggle-labelid  <Toggle label labelId>    the same + aria-labelledby on the group
//   toggle-caption  <Text bold> + <Toggle>    no <label>; the caption is tied by position only
//   select          <Select filterable=false> downshift combobox (input[role=combobox] + listbox)
//   native          <FormControlLabel htmlFor> + <select id>
//   radio           <Fieldset legend> > <FormGroup> > <Radio label> per option

import { Box, Fieldset, FormControlLabel, FormGroup, Radio, Select, Text, Toggle } from '@bigcommerce/big-design';
import { useId } from 'react';
import styled from 'styled-components';

const NativeSelect = styled.select`
  display: block;
  min-width: 14rem;
  height: 2.25rem;
  padding: 0 ${({ theme }) => theme.spacing.small};
  border: ${({ theme }) => theme.border.box};
  border-radius: ${({ theme }) => theme.borderRadius.normal};
  background: ${({ theme }) => theme.colors.white};
  color: ${({ theme }) => theme.colors.secondary70};
  font-family: inherit;
  font-size: ${({ theme }) => theme.typography.fontSize.medium};
  &:focus { outline: none; border-color: ${({ theme }) => theme.colors.primary40}; box-shadow: ${({ theme }) => `0 0 0 ${theme.spacing.xxSmall} ${theme.colors.primary20}`}; }
`;

const SelectBox = styled(Box)`
  max-width: 20rem;
`;

export function ChoiceRow({ variant, label, options, value, onChange }) {
  const uid = useId();
  const items = options.map((o) => ({ value: o, label: o }));
  switch (variant) {
    case 'toggle-labelid':
      return <Toggle label={label} labelId={`${uid}-label`} items={items} value={value} onChange={onChange} />;
    case 'toggle-caption':
      return (
        <div>
          <Text bold marginBottom="xxSmall">{label}</Text>
          <Toggle items={items} value={value} onChange={onChange} />
        </div>
      );
    case 'select':
      return (
        <SelectBox marginBottom="medium">
          <Select
            label={label}
            filterable={false}
            options={options.map((o) => ({ value: o, content: o }))}
            value={value}
            onOptionChange={(v) => onChange(v ?? '')} // Escape on a closed Select clears it (BigDesign)
          />
        </SelectBox>
      );
    case 'native':
      return (
        <Box marginBottom="medium">
          <FormControlLabel htmlFor={`${uid}-select`}>{label}</FormControlLabel>
          <NativeSelect id={`${uid}-select`} value={value} onChange={(e) => onChange(e.target.value)}>
            {options.map((o) => <option key={o} value={o}>{o}</option>)}
          </NativeSelect>
        </Box>
      );
    case 'radio':
      return (
        <Fieldset legend={label}>
          <FormGroup>
            {options.map((o) => (
              <Radio key={o} name={`${uid}-radio`} value={o} label={o} checked={value === o} onChange={() => onChange(o)} />
            ))}
          </FormGroup>
        </Fieldset>
      );
    case 'toggle':
    default:
      return <Toggle label={label} items={items} value={value} onChange={onChange} />;
  }
}
