import { Modal, Table } from '@navikt/ds-react';

export const SHORTCUTS: Array<[keys: string, what: string]> = [
  ['j', 'Neste rapport i køen'],
  ['k', 'Forrige rapport i køen'],
  ['Home / End', 'Første / siste i køen (når køen har fokus; også ↑ ↓)'],
  ['Enter', 'Åpne valgt rapport'],
  ['1 – 4', 'Sett prioritet P1–P4'],
  ['c', 'Gå til kategori'],
  ['g', 'Gå til gradering (velg med piltastene)'],
  ['m', 'Gå til merknad'],
  ['o', 'Skriv overleveringsnotat til neste vakt'],
  ['r', 'Registrer åpen rapport (bekreft valgene)'],
  ['Esc', 'Forlat et felt, så virker hurtigtastene igjen'],
  ['n', 'Ny rapport (telefonnotat)'],
  ['?', 'Vis denne oversikten'],
];

/** The list of the triage desk's keyboard shortcuts. */
export function ShortcutHelp({ open, onClose }: { open: boolean; onClose(): void }) {
  return (
    <Modal open={open} onClose={onClose} header={{ heading: 'Hurtigtaster i mottaket' }} width="small" closeOnBackdropClick>
      <Modal.Body>
        <Table size="small" aria-label="Hurtigtaster">
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell scope="col">Tast</Table.HeaderCell>
              <Table.HeaderCell scope="col">Gjør</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {SHORTCUTS.map(([keys, what]) => (
              <Table.Row key={keys}>
                <Table.DataCell>
                  <kbd>{keys}</kbd>
                </Table.DataCell>
                <Table.DataCell>{what}</Table.DataCell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </Modal.Body>
    </Modal>
  );
}
