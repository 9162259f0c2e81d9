import { inject } from 'vitest';
import type { MailServersInfo } from './mail-servers';

/** The running test servers, or null (with `unavailableReason`) where they cannot run here. */
export const servers: MailServersInfo | null = inject('mailServers');
export const unavailableReason: string = inject('mailServersUnavailable');
