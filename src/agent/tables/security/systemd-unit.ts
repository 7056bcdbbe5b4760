/** One systemd unit with the columns of osquery's systemd_units (ListUnits plus four properties). */
export interface SystemdUnit {
  readonly id: string;
  readonly description: string;
  readonly loadState: string;
  readonly activeState: string;
  readonly subState: string;
  readonly unitFileState: string;
  readonly following: string;
  readonly objectPath: string;
  readonly jobId: number;
  readonly jobType: string;
  readonly jobPath: string;
  readonly fragmentPath: string;
  readonly user: string;
  readonly sourcePath: string;
}

/** The object path systemd gives "no job". */
export const noJobPath = '/';
