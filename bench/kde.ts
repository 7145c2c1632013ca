/**
 * Kernel density speed: 1,000,000 seeded points (clusters of different sizes over a background) in a 20 km square,
 * onto a 1000 × 1000 grid of 20 m cells with the quartic kernel, sd 150 m (spatstat's sigma; support radius
 * 150·√8 ≈ 424 m), no edge correction. `kde` is timed as the best of 3 runs after a warm-up; then, when `Rscript`
 * is on the PATH, spatstat's `density.ppp` on the same points, grid, kernel and bandwidth in the same way (only
 * density.ppp is timed, inside R with system.time; reading the points is not), and its surface is compared with
 * ours cell by cell.
 *
 *   npm run bench -- --only kde
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kde, type KdeGrid } from '../src/analytics/kde.js';
import { normal, seededRandom } from '../src/analytics/random.js';

const pointCount = 1_000_000;
const sideM = 20_000;
const grid: KdeGrid = { originXM: 0, originYM: 0, cellSizeM: 20, nx: 1000, ny: 1000 };
const sdM = 150;
const runs = 3;

/** Points in the square: 85 % in 60 clusters (centres uniform, spreads 80–600 m), 15 % uniform background. */
function benchPoints(): { x: Float64Array; y: Float64Array } {
  const random = seededRandom(2026, 'bench-kde');
  const clusters = Array.from({ length: 60 }, () => ({
    x: 1000 + random() * (sideM - 2000),
    y: 1000 + random() * (sideM - 2000),
    sd: 80 * Math.pow(600 / 80, random()),
  }));
  const x = new Float64Array(pointCount);
  const y = new Float64Array(pointCount);
  for (let i = 0; i < pointCount; i++) {
    let px: number;
    let py: number;
    do {
      if (random() < 0.15) {
        px = random() * sideM;
        py = random() * sideM;
      } else {
        const c = clusters[Math.floor(random() * clusters.length)] ?? { x: 0, y: 0, sd: 0 };
        px = c.x + c.sd * normal(random);
        py = c.y + c.sd * normal(random);
      }
    } while (!(px >= 0 && px < sideM && py >= 0 && py < sideM));
    x[i] = px;
    y[i] = py;
  }
  return { x, y };
}

function rscriptAvailable(): boolean {
  try {
    execFileSync('Rscript', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

// Reads the points (x then y, float64 little-endian), then times density.ppp like kde: a warm-up, best of 3.
const rScript = `
suppressMessages(library(spatstat))
args <- commandArgs(trailingOnly = TRUE)
n <- as.integer(args[2])
con <- file(args[1], "rb")
x <- readBin(con, "double", n, size = 8, endian = "little")
y <- readBin(con, "double", n, size = 8, endian = "little")
close(con)
X <- ppp(x, y, window = owin(c(0, ${sideM}), c(0, ${sideM})), check = FALSE)
run <- function() density.ppp(X, sigma = ${sdM}, kernel = "quartic", edge = FALSE, dimyx = c(${grid.ny}, ${grid.nx}))
d <- run()
times <- sapply(1:${runs}, function(i) system.time(d <<- run())[["elapsed"]])
cat("elapsed", times, "\\n")
cat("version", as.character(packageVersion("spatstat.explore")), as.character(getRversion()), "\\n")
con <- file(args[3], "wb")
writeBin(as.vector(t(d$v)), con, size = 8, endian = "little")
close(con)
`;

export async function benchKde(): Promise<void> {
  console.log(
    `Kernel density — ${pointCount.toLocaleString('en')} points in a ${sideM / 1000} km square onto ${grid.nx} × ${grid.ny} cells of ${grid.cellSizeM} m, quartic, sd ${sdM} m (radius ${(sdM * Math.sqrt(8)).toFixed(0)} m)`,
  );
  const { x, y } = benchPoints();

  let surface = kde({ x, y }, { kernel: 'quartic', bandwidth: { sdM }, grid });
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    surface = kde({ x, y }, { kernel: 'quartic', bandwidth: { sdM }, grid });
    times.push((performance.now() - started) / 1000);
  }
  const ours = Math.min(...times);
  console.log(
    `  kde (${surface.method})          ${(ours * 1000).toFixed(0).padStart(6)} ms  best of ${runs} (${times.map((t) => (t * 1000).toFixed(0)).join(', ')} ms; aim: under 1 s)`,
  );

  if (!rscriptAvailable()) {
    console.log('  spatstat           not measured: Rscript is not on the PATH');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'istibaq-bench-kde-'));
  try {
    const pointsFile = join(dir, 'points.bin');
    const surfaceFile = join(dir, 'surface.bin');
    const scriptFile = join(dir, 'density.R');
    const buffer = Buffer.alloc(16 * pointCount);
    for (let i = 0; i < pointCount; i++) {
      buffer.writeDoubleLE(x[i] as number, 8 * i);
      buffer.writeDoubleLE(y[i] as number, 8 * (pointCount + i));
    }
    writeFileSync(pointsFile, buffer);
    writeFileSync(scriptFile, rScript);
    const output = execFileSync('Rscript', [scriptFile, pointsFile, String(pointCount), surfaceFile], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 20,
    });
    const elapsed = (/^elapsed (.*)$/m.exec(output)?.[1] ?? '').trim().split(/\s+/).map(Number);
    const version = (/^version (.*)$/m.exec(output)?.[1] ?? '').trim().split(/\s+/);
    const theirs = Math.min(...elapsed);
    if (!Number.isFinite(theirs)) throw new Error(`no timing from R:\n${output}`);
    console.log(
      `  spatstat           ${(theirs * 1000).toFixed(0).padStart(6)} ms  best of ${runs} (${elapsed.map((t) => (t * 1000).toFixed(0)).join(', ')} ms; density.ppp, spatstat.explore ${version[0]}, R ${version[1]})`,
    );
    console.log(`  spatstat / kde     ${(theirs / ours).toFixed(1).padStart(6)}×`);

    const bytes = readFileSync(surfaceFile);
    const reference = new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8);
    let peak = 0;
    let worst = 0;
    for (let k = 0; k < reference.length; k++) {
      peak = Math.max(peak, reference[k] as number);
      worst = Math.max(worst, Math.abs((surface.values[k] as number) - (reference[k] as number)));
    }
    console.log(
      `  max |kde − spatstat| / peak   ${worst / peak < 1e-12 ? '< 1e-12' : (worst / peak).toExponential(1)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
