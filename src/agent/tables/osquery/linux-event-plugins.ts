/**
 * osquery 5.23.1's Linux event publishers and, for each subscriber (each
 * `*_events` table), the publisher it subscribes to. Names sort as osquery's
 * std::set does (bytewise, so BPFEventPublisher comes first).
 */
export const linuxEventPublishers: readonly string[] = ['BPFEventPublisher', 'auditeventpublisher', 'inotify', 'syslog', 'udev'];

export const linuxEventSubscribers: ReadonlyArray<{ readonly name: string; readonly publisher: string }> = [
  { name: 'apparmor_events', publisher: 'auditeventpublisher' },
  { name: 'bpf_process_events', publisher: 'BPFEventPublisher' },
  { name: 'bpf_socket_events', publisher: 'BPFEventPublisher' },
  { name: 'file_events', publisher: 'inotify' },
  { name: 'hardware_events', publisher: 'udev' },
  { name: 'process_events', publisher: 'auditeventpublisher' },
  { name: 'process_file_events', publisher: 'auditeventpublisher' },
  { name: 'seccomp_events', publisher: 'auditeventpublisher' },
  { name: 'selinux_events', publisher: 'auditeventpublisher' },
  { name: 'socket_events', publisher: 'auditeventpublisher' },
  { name: 'syslog_events', publisher: 'syslog' },
  { name: 'user_events', publisher: 'auditeventpublisher' },
  { name: 'yara_events', publisher: 'inotify' },
];
