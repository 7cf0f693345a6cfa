import { randomUUID } from 'node:crypto';
import type { AlertEvent, ReportChangedEvent, ReportEvent, ReportEvents } from '@mottak/core';
import { waitFor } from './wait-for';

/** Report events as one process sees them, and a way to get another process's handle on the same bus. */
export interface ReportEventsFixture {
  events: ReportEvents;
  /**
   * Another handle on the same bus, as another process would have (a worker beside the API). An
   * in-process bus has one handle per process, so it returns `events` itself.
   */
  openPeer(): Promise<ReportEvents>;
  /** Closes every handle opened. */
  cleanup(): Promise<void>;
}

function changed(reportId: string, version = 2): ReportChangedEvent {
  return { type: 'report.changed', reportId, status: 'vurdert', version, at: '2026-03-02T08:16:00.000Z' };
}

function alert(reportId: string, kind: AlertEvent['kind'] = 'p1'): AlertEvent {
  return { type: 'alert', kind, reportId, ...(kind === 'break-glass' ? { actor: 'sander' } : {}), at: '2026-03-02T08:17:00.000Z' };
}

/** Collects what one subscription hears, only events of this test (ids with its tag). */
function recorder(events: ReportEvents, tag: string) {
  const heard: ReportEvent[] = [];
  const unsubscribe = events.subscribe((event) => {
    if (event.reportId.startsWith(tag)) heard.push(event);
  });
  return { heard, unsubscribe, ids: () => heard.map((event) => event.reportId) };
}

/**
 * Waits until events published on `from` reach subscribers of `to`, by publishing probes until one
 * arrives: a transport may take a moment to set up a subscription, and a test must not race it.
 */
async function connected(from: ReportEvents, to: ReportEvents): Promise<void> {
  const tag = `probe-${randomUUID()}`;
  let heard = false;
  const unsubscribe = to.subscribe((event) => {
    if (event.reportId.startsWith(tag)) heard = true;
  });
  try {
    let n = 0;
    await waitFor(
      () => {
        if (!heard) from.publish(alert(`${tag}-${(n += 1)}`));
        return heard;
      },
      { intervalMs: 25, description: 'a probe event to cross from one handle to the other' },
    );
  } finally {
    unsubscribe();
  }
}

/** The behaviour every ReportEvents adapter must show (in one process and, where it carries them, between processes). */
export function describeReportEventsContract(name: string, open: () => Promise<ReportEventsFixture>): void {
  describe(`ReportEvents contract: ${name}`, () => {
    let fixture: ReportEventsFixture;
    let peer: ReportEvents;
    let tag: string;

    beforeAll(async () => {
      fixture = await open();
      peer = await fixture.openPeer();
    });
    beforeEach(() => {
      tag = `t-${randomUUID()}-`;
    });
    afterAll(async () => fixture.cleanup());

    it('tells a subscriber of each event once, whole and in order, at once in the publishing process', async () => {
      const own = recorder(fixture.events, tag);
      const there = recorder(peer, tag);
      await connected(fixture.events, peer);
      await connected(peer, fixture.events);
      const published = [changed(`${tag}1`), alert(`${tag}2`), alert(`${tag}3`, 'break-glass')];
      for (const event of published) fixture.events.publish(event);
      // Listeners in the publishing process hear its events without a round trip.
      expect(own.heard).toEqual(published);
      await waitFor(() => there.heard.length >= published.length, { description: 'the peer to hear the events' });
      expect(there.heard).toEqual(published);
      // The peer heard them, so anything they could still bring back here (an echo) is on its way
      // before a marker the peer publishes now: once the marker is here, nothing else may be.
      peer.publish(changed(`${tag}marker`));
      await waitFor(() => own.ids().includes(`${tag}marker`), { description: 'the marker' });
      expect(own.heard).toEqual([...published, changed(`${tag}marker`)]);
      own.unsubscribe();
      there.unsubscribe();
    });

    it('carries events from another handle (another process) to this one, in order', async () => {
      const here = recorder(fixture.events, tag);
      await connected(peer, fixture.events);
      const published = Array.from({ length: 20 }, (_, i) => changed(`${tag}${String(i).padStart(2, '0')}`, i + 1));
      for (const event of published) peer.publish(event);
      await waitFor(() => here.heard.length >= published.length, { description: 'every event from the peer' });
      expect(here.heard).toEqual(published);
      here.unsubscribe();
    });

    it('stops telling a listener that unsubscribed, and counts the same function subscribed twice as two listeners', async () => {
      const heard: string[] = [];
      const listener = (event: ReportEvent) => {
        if (event.reportId.startsWith(tag)) heard.push(event.reportId);
      };
      const first = fixture.events.subscribe(listener);
      const second = fixture.events.subscribe(listener);
      const witness = recorder(fixture.events, tag);
      fixture.events.publish(changed(`${tag}a`));
      first();
      fixture.events.publish(changed(`${tag}b`));
      second();
      second();
      fixture.events.publish(changed(`${tag}c`));
      await waitFor(() => witness.ids().includes(`${tag}c`), { description: 'the last event' });
      expect(heard).toEqual([`${tag}a`, `${tag}a`, `${tag}b`]);
      witness.unsubscribe();
    });

    it('keeps a failing listener from reaching the publisher or the other listeners', async () => {
      const failing = fixture.events.subscribe(() => {
        throw new Error('listener failed');
      });
      const witness = recorder(fixture.events, tag);
      const remote = recorder(fixture.events, `${tag}remote`);
      expect(() => fixture.events.publish(changed(`${tag}local`))).not.toThrow();
      await connected(peer, fixture.events);
      peer.publish(changed(`${tag}remote`));
      await waitFor(() => remote.heard.length === 1, { description: 'the event from the peer' });
      expect(witness.ids()).toEqual([`${tag}local`, `${tag}remote`]);
      failing();
      witness.unsubscribe();
      remote.unsubscribe();
    });
  });
}
