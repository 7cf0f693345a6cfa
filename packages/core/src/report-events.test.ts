import { describeReportEventsContract } from '@mottak/test-kit';
import { InProcessReportEvents } from './report-events';

describeReportEventsContract('in-process', async () => {
  const events = new InProcessReportEvents();
  return {
    events,
    // One bus per process: every part of the process holds the same one.
    openPeer: async () => events,
    cleanup: () => events.close(),
  };
});
