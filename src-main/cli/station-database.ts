import { openLockedStationDatabase, type LockedStationDatabase } from '../store';

/** The open station database a command works on. */
export type StationDatabase = LockedStationDatabase['db'];

/**
 * Runs `work` on the station database of `dataDir` under its single-instance lock, as a running station holds it:
 * while another process (a station, another command) holds the directory, the command is refused naming that
 * process, before the database is opened. Database and lock are let go when `work` ends, however it ends.
 */
export async function withStationDatabase<T>(
  dataDir: string,
  work: (db: StationDatabase) => Promise<T> | T,
): Promise<T> {
  const station = openLockedStationDatabase(dataDir);
  try {
    return await work(station.db);
  } finally {
    station.close();
  }
}
