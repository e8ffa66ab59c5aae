// Processes spinning on the CPU beside a test, as on a loaded CI machine or a busy phone.
import { type ChildProcess, spawn } from 'node:child_process';

export function startCpuLoad(processes: number): () => void {
  const burners: ChildProcess[] = Array.from({ length: processes }, () =>
    spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }),
  );
  return () => {
    for (const burner of burners) burner.kill();
  };
}
