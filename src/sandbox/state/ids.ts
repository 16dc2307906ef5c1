/**
 * Fivetran-looking ids: lowercase word pairs such as `brisk_lantern`. Deterministic for a seed;
 * once pairs run short (large generated accounts) a base-36 counter keeps them unique.
 */
import { createPrng } from '../prng.js';
import type { Prng } from '../prng.js';

const FIRST = (
  'amber ample ancient arctic artful autumn balmy bashful bitter blazing bold brave breezy brisk bronze calm candid ' +
  'careful cheerful chilly civic clever cobalt cosmic crimson crisp curly dapper daring dashing dawn deft dusky eager ' +
  'early elder electric elegant emerald fabled faint fancy fearless fiery floral fluent frosty gentle gilded glad ' +
  'glossy golden graceful grand granite hazy hidden hollow humble icy idle indigo inky jade jolly keen kind lively ' +
  'lofty loyal lucid lunar mellow merry misty modest mossy noble nimble oaken opal pale patient plucky polar proud ' +
  'quiet rapid rustic sandy scarlet serene silent silver sleek snowy solar spry steady stellar stormy sunny swift ' +
  'tidal tranquil vivid wandering warm wild windy wise witty young zesty'
).split(' ');

const SECOND = (
  'acorn anchor antler aspen badger beacon birch bison bramble breeze brook canyon cedar comet condor coral cove ' +
  'crane creek dune eagle ember falcon fern finch fjord flint forest fox galaxy garnet geyser glacier grove gull ' +
  'harbor hawk heron hill horizon island ivy jaguar juniper kestrel lagoon lake lantern lark laurel lichen lynx ' +
  'maple marsh meadow mesa mink moon moose moth neptune oak ocean orchid osprey otter owl panther pebble pine ' +
  'plateau prairie quarry quartz rain raven reef ridge river robin sage sequoia shore sparrow spruce star stone ' +
  'summit swan thicket thistle thunder tide timber trail tundra valley vista walrus willow wolf wren yarrow zephyr'
).split(' ');

const PAIRS = FIRST.length * SECOND.length;

/** Hands out unique ids for one sandbox; ids already in use can be reserved (state-file loads). */
export class IdGenerator {
  private prng: Prng;
  private readonly used = new Set<string>();
  private counter = 0;

  constructor(private readonly seed: number) {
    this.prng = createPrng(seed ^ 0x5eed);
  }

  /** Forgets every id and restarts the sequence. */
  reset(): void {
    this.prng = createPrng(this.seed ^ 0x5eed);
    this.used.clear();
    this.counter = 0;
  }

  reserve(id: string): void {
    this.used.add(id);
  }

  /** A new unused word-pair id. */
  next(): string {
    // Random pairs while most are free; once the space is crowded, straight to suffixed ones.
    const attempts = this.used.size < PAIRS * 0.7 ? 6 : 0;
    for (let attempt = 0; attempt < attempts; attempt++) {
      const id = `${this.prng.pick(FIRST)}_${this.prng.pick(SECOND)}`;
      if (!this.used.has(id)) return this.take(id);
    }
    let id: string;
    do id = `${this.prng.pick(FIRST)}_${this.prng.pick(SECOND)}${(this.counter++).toString(36)}`;
    while (this.used.has(id));
    return this.take(id);
  }

  private take(id: string): string {
    this.used.add(id);
    return id;
  }
}
