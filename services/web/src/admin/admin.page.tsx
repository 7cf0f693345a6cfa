import { Alert, Box, Button, Checkbox, CheckboxGroup, Heading, HGrid, Loader, Select, Table, Tag, TextField, VStack } from '@navikt/ds-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, ApiError, errorMessage } from '../api/client';
import type { Gradering, NewUserRequest, Role, User } from '../api/types';
import { GRADERING_LABELS, GRADERINGER, ROLE_LABELS, ROLES } from '../common/labels';

const EMPTY: NewUserRequest = { username: '', displayName: '', password: '', roles: [], klarering: 'BEGRENSET', unit: '', compartments: [] };

function UserTable({ users, onEdit }: { users: User[]; onEdit: (user: User) => void }) {
  return (
    <div className="table-scroll">
      <Table size="small" zebraStripes aria-label="Brukere">
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell scope="col">Brukernavn</Table.HeaderCell>
            <Table.HeaderCell scope="col">Navn</Table.HeaderCell>
            <Table.HeaderCell scope="col">Roller</Table.HeaderCell>
            <Table.HeaderCell scope="col">Klarering</Table.HeaderCell>
            <Table.HeaderCell scope="col">Enhet</Table.HeaderCell>
            <Table.HeaderCell scope="col">Rom</Table.HeaderCell>
            <Table.HeaderCell scope="col">Status</Table.HeaderCell>
            <Table.HeaderCell scope="col">
              <span className="sr-only">Handling</span>
            </Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {users.map((user) => (
            <Table.Row key={user.id}>
              <Table.DataCell className="mono">{user.username}</Table.DataCell>
              <Table.DataCell>{user.displayName}</Table.DataCell>
              <Table.DataCell>{user.roles.map((role) => ROLE_LABELS[role]).join(', ')}</Table.DataCell>
              <Table.DataCell>{GRADERING_LABELS[user.klarering]}</Table.DataCell>
              <Table.DataCell>{user.unit}</Table.DataCell>
              <Table.DataCell>{user.compartments.join(', ') || '–'}</Table.DataCell>
              <Table.DataCell>
                <Tag size="xsmall" variant="moderate" data-color={user.disabled ? 'neutral' : 'success'}>
                  {user.disabled ? 'Deaktivert' : 'Aktiv'}
                </Tag>
              </Table.DataCell>
              <Table.DataCell>
                <Button size="xsmall" variant="secondary" onClick={() => onEdit(user)} aria-label={`Endre ${user.username}`}>
                  Endre
                </Button>
              </Table.DataCell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  );
}

function NewUserForm() {
  const queryClient = useQueryClient();
  const [fields, setFields] = useState<NewUserRequest>(EMPTY);
  const [compartments, setCompartments] = useState('');
  const create = useMutation({
    mutationFn: (body: NewUserRequest) => api<User>('/api/v1/users', { method: 'POST', body }),
    onSuccess: () => {
      setFields(EMPTY);
      setCompartments('');
      void queryClient.invalidateQueries({ queryKey: ['users'] });
    },
  });
  const apiError = create.error instanceof ApiError ? create.error : undefined;
  const set = (name: 'username' | 'displayName' | 'password' | 'unit') => (event: { target: { value: string } }) => setFields((f) => ({ ...f, [name]: event.target.value }));
  function submit(event: FormEvent) {
    event.preventDefault();
    const list = compartments
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean);
    create.mutate({ ...fields, username: fields.username.trim(), compartments: list });
  }
  return (
    <form onSubmit={submit} noValidate aria-label="Ny bruker">
      <VStack gap="space-16">
        {create.data && (
          <Alert variant="success" size="small" role="status">
            Brukeren {create.data.username} er opprettet.
          </Alert>
        )}
        <TextField label="Brukernavn" description="Små bokstaver, tall og . _ -" size="small" value={fields.username} onChange={set('username')} autoComplete="off" error={apiError?.fieldMessage('username')} />
        <TextField label="Navn" size="small" value={fields.displayName} onChange={set('displayName')} autoComplete="off" error={apiError?.fieldMessage('displayName')} />
        <TextField label="Passord" description="Minst 12 tegn" type="password" size="small" value={fields.password} onChange={set('password')} autoComplete="new-password" error={apiError?.fieldMessage('password')} />
        <CheckboxGroup legend="Roller" size="small" value={fields.roles} onChange={(roles: Role[]) => setFields((f) => ({ ...f, roles }))} error={apiError?.fieldMessage('roles')}>
          {ROLES.map((role) => (
            <Checkbox key={role} value={role}>
              {ROLE_LABELS[role]}
            </Checkbox>
          ))}
        </CheckboxGroup>
        <Select label="Klarering" size="small" value={fields.klarering} onChange={(e) => setFields((f) => ({ ...f, klarering: e.target.value as Gradering }))}>
          {GRADERINGER.map((g) => (
            <option key={g} value={g}>
              {GRADERING_LABELS[g]}
            </option>
          ))}
        </Select>
        <TextField label="Enhet" size="small" value={fields.unit} onChange={set('unit')} error={apiError?.fieldMessage('unit')} />
        <TextField label="Rom" description="Kommaseparert, f.eks. kontraetterretning" size="small" value={compartments} onChange={(e) => setCompartments(e.target.value)} error={apiError?.errors.find((e) => e.field.startsWith('body.compartments'))?.message} />
        {create.error && (
          <Alert variant="error" size="small" role="alert">
            {errorMessage(create.error)}
          </Alert>
        )}
        <div>
          <Button type="submit" size="small" loading={create.isPending}>
            Opprett bruker
          </Button>
        </div>
      </VStack>
    </form>
  );
}

/**
 * Changes one user's name, roles, klarering, unit, compartments, need for personal data, or
 * disables them. The API applies it at the user's next request and refuses an administrator
 * locking themself out (its message is shown).
 */
function EditUserForm({ user, onDone }: { user: User; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const [klarering, setKlarering] = useState<Gradering>(user.klarering);
  const [unit, setUnit] = useState(user.unit);
  const [compartments, setCompartments] = useState(user.compartments.join(', '));
  const [personalData, setPersonalData] = useState(user.needs.includes('personopplysninger'));
  const [disabled, setDisabled] = useState(user.disabled);
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => api<User>(`/api/v1/users/${encodeURIComponent(user.username)}`, { method: 'PATCH', body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      onDone();
    },
  });
  const apiError = save.error instanceof ApiError ? save.error : undefined;
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate({
      displayName,
      roles,
      klarering,
      unit,
      compartments: compartments
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean),
      needs: personalData ? ['personopplysninger'] : [],
      disabled,
    });
  }
  return (
    <form onSubmit={submit} noValidate aria-label={`Endre ${user.username}`}>
      <VStack gap="space-16">
        <TextField label="Navn" size="small" value={displayName} onChange={(e) => setDisplayName(e.target.value)} error={apiError?.fieldMessage('displayName')} />
        <CheckboxGroup legend="Roller" size="small" value={roles} onChange={(value: Role[]) => setRoles(value)} error={apiError?.fieldMessage('roles')}>
          {ROLES.map((role) => (
            <Checkbox key={role} value={role}>
              {ROLE_LABELS[role]}
            </Checkbox>
          ))}
        </CheckboxGroup>
        <Select label="Klarering" size="small" value={klarering} onChange={(e) => setKlarering(e.target.value as Gradering)}>
          {GRADERINGER.map((g) => (
            <option key={g} value={g}>
              {GRADERING_LABELS[g]}
            </option>
          ))}
        </Select>
        <TextField label="Enhet" size="small" value={unit} onChange={(e) => setUnit(e.target.value)} error={apiError?.fieldMessage('unit')} />
        <TextField label="Rom" description="Kommaseparert" size="small" value={compartments} onChange={(e) => setCompartments(e.target.value)} error={apiError?.errors.find((e) => e.field.startsWith('body.compartments'))?.message} />
        <Checkbox size="small" checked={personalData} onChange={(e) => setPersonalData(e.target.checked)}>
          Tjenstlig behov for personopplysninger
        </Checkbox>
        <Checkbox size="small" checked={disabled} onChange={(e) => setDisabled(e.target.checked)}>
          Deaktivert (innloggingen avsluttes)
        </Checkbox>
        {save.error && (
          <Alert variant="error" size="small" role="alert">
            {errorMessage(save.error)}
          </Alert>
        )}
        <HGrid columns={2} gap="space-8">
          <Button type="submit" size="small" loading={save.isPending}>
            Lagre endringene
          </Button>
          <Button type="button" size="small" variant="tertiary" onClick={onDone}>
            Avbryt
          </Button>
        </HGrid>
      </VStack>
    </form>
  );
}

/** The administrator's page: users with roles, klarering, unit and compartments; create new ones and change them. */
export default function AdminPage() {
  const users = useQuery({ queryKey: ['users'], queryFn: ({ signal }) => api<User[]>('/api/v1/users', { signal }) });
  const [editing, setEditing] = useState<User | undefined>();
  return (
    <main id="innhold" className="page">
      <VStack gap="space-24">
        <Heading level="1" size="large">
          Brukere
        </Heading>
        <HGrid columns={{ xs: 1, lg: '2fr 1fr' }} gap="space-24" align="start">
          <section aria-labelledby="alle-brukere">
            <Heading level="2" size="medium" spacing id="alle-brukere">
              Alle brukere
            </Heading>
            {users.isPending && <Loader title="Henter brukere …" />}
            {users.error && <Alert variant="error">{errorMessage(users.error)}</Alert>}
            {users.data && <UserTable users={users.data} onEdit={setEditing} />}
          </section>
          {editing ? (
            <Box background="default" padding="space-20" borderRadius="8" className="card" as="section" aria-labelledby="endre-bruker">
              <Heading level="2" size="medium" spacing id="endre-bruker">
                Endre {editing.username}
              </Heading>
              <EditUserForm key={editing.id} user={editing} onDone={() => setEditing(undefined)} />
            </Box>
          ) : (
            <Box background="default" padding="space-20" borderRadius="8" className="card" as="section" aria-labelledby="ny-bruker">
              <Heading level="2" size="medium" spacing id="ny-bruker">
                Ny bruker
              </Heading>
              <NewUserForm />
            </Box>
          )}
        </HGrid>
      </VStack>
    </main>
  );
}
