import type { Address } from '../../domain';

/** A product of the demo warehouse: bilingual name and shipping weight. */
export interface CatalogProduct {
  zh: string;
  en: string;
  weightKg: number;
}

/** The demo warehouse's 40 products. */
export const CATALOG: readonly CatalogProduct[] = [
  { zh: '无线鼠标', en: 'Wireless Mouse', weightKg: 0.12 },
  { zh: '机械键盘', en: 'Mechanical Keyboard', weightKg: 0.95 },
  { zh: 'USB-C 数据线', en: 'USB-C Cable 1m', weightKg: 0.05 },
  { zh: '蓝牙耳机', en: 'Bluetooth Earbuds', weightKg: 0.08 },
  { zh: '手机支架', en: 'Phone Stand', weightKg: 0.2 },
  { zh: '保温杯', en: 'Insulated Bottle 500ml', weightKg: 0.35 },
  { zh: '帆布包', en: 'Canvas Tote Bag', weightKg: 0.25 },
  { zh: '笔记本', en: 'A5 Notebook', weightKg: 0.3 },
  { zh: '中性笔 12 支装', en: 'Gel Pens (12 pack)', weightKg: 0.15 },
  { zh: '台灯', en: 'LED Desk Lamp', weightKg: 1.1 },
  { zh: '移动电源', en: 'Power Bank 10000mAh', weightKg: 0.22 },
  { zh: '65W 充电器', en: '65W Charger', weightKg: 0.14 },
  { zh: '鼠标垫', en: 'Mouse Pad', weightKg: 0.1 },
  { zh: '显示器支架', en: 'Monitor Arm', weightKg: 2.4 },
  { zh: '收纳盒', en: 'Storage Box', weightKg: 0.6 },
  { zh: '陶瓷马克杯', en: 'Ceramic Mug', weightKg: 0.4 },
  { zh: '茶叶礼盒', en: 'Tea Gift Box', weightKg: 0.8 },
  { zh: '龙井绿茶 250g', en: 'Longjing Green Tea 250g', weightKg: 0.3 },
  { zh: '羊毛围巾', en: 'Wool Scarf', weightKg: 0.2 },
  { zh: '棉袜 5 双装', en: 'Cotton Socks (5 pairs)', weightKg: 0.25 },
  { zh: '运动毛巾', en: 'Sports Towel', weightKg: 0.18 },
  { zh: '瑜伽垫', en: 'Yoga Mat', weightKg: 1.3 },
  { zh: '跳绳', en: 'Jump Rope', weightKg: 0.2 },
  { zh: '折叠雨伞', en: 'Folding Umbrella', weightKg: 0.35 },
  { zh: '双肩背包', en: 'Backpack', weightKg: 0.9 },
  { zh: '钥匙扣', en: 'Keychain', weightKg: 0.03 },
  { zh: '便利贴', en: 'Sticky Notes', weightKg: 0.1 },
  { zh: '文件夹', en: 'File Folder', weightKg: 0.15 },
  { zh: '计算器', en: 'Calculator', weightKg: 0.18 },
  { zh: '剪刀', en: 'Scissors', weightKg: 0.09 },
  { zh: '封箱胶带', en: 'Packing Tape', weightKg: 0.28 },
  { zh: '厨房电子秤', en: 'Kitchen Scale', weightKg: 0.7 },
  { zh: '筷子套装', en: 'Chopsticks Set', weightKg: 0.2 },
  { zh: '保鲜盒', en: 'Food Container Set', weightKg: 0.65 },
  { zh: '香薰蜡烛', en: 'Scented Candle', weightKg: 0.45 },
  { zh: '拼图 1000 片', en: 'Jigsaw Puzzle 1000 pcs', weightKg: 0.75 },
  { zh: '积木套装', en: 'Building Blocks Set', weightKg: 1.2 },
  { zh: '手机壳', en: 'Phone Case', weightKg: 0.04 },
  { zh: '屏幕保护膜', en: 'Screen Protector', weightKg: 0.02 },
  { zh: '电动牙刷', en: 'Electric Toothbrush', weightKg: 0.3 },
];

/** Chinese family names (the common ones first). */
export const CN_SURNAMES = [
  '张',
  '王',
  '李',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '周',
  '吴',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
  '罗',
  '高',
];
/** Chinese given names. */
export const CN_GIVEN_NAMES = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '华',
  '桂英',
  '建国',
  '晓东',
  '雨欣',
  '子涵',
];

/** A Chinese delivery area: province, city, district, its postcode and a few streets. */
export interface CnArea {
  province: string;
  city: string;
  district: string;
  postcode: string;
  streets: readonly string[];
}

/** Chinese delivery areas. */
export const CN_AREAS: readonly CnArea[] = [
  {
    province: '广东省',
    city: '深圳市',
    district: '南山区',
    postcode: '518057',
    streets: ['科技园南路', '深南大道', '后海大道'],
  },
  {
    province: '广东省',
    city: '广州市',
    district: '天河区',
    postcode: '510630',
    streets: ['天河路', '体育西路', '珠江新城华夏路'],
  },
  {
    province: '北京市',
    city: '北京市',
    district: '朝阳区',
    postcode: '100020',
    streets: ['建国路', '朝阳门外大街', '望京街'],
  },
  {
    province: '上海市',
    city: '上海市',
    district: '浦东新区',
    postcode: '200120',
    streets: ['世纪大道', '张杨路', '陆家嘴环路'],
  },
  {
    province: '浙江省',
    city: '杭州市',
    district: '西湖区',
    postcode: '310012',
    streets: ['文三路', '教工路', '古墩路'],
  },
  {
    province: '江苏省',
    city: '南京市',
    district: '鼓楼区',
    postcode: '210008',
    streets: ['中山路', '北京西路', '湖南路'],
  },
  {
    province: '四川省',
    city: '成都市',
    district: '武侯区',
    postcode: '610041',
    streets: ['人民南路', '科华北路', '玉林北路'],
  },
  {
    province: '湖北省',
    city: '武汉市',
    district: '洪山区',
    postcode: '430074',
    streets: ['珞喻路', '关山大道', '雄楚大道'],
  },
  {
    province: '陕西省',
    city: '西安市',
    district: '雁塔区',
    postcode: '710061',
    streets: ['小寨东路', '长安南路', '科技路'],
  },
  {
    province: '山东省',
    city: '青岛市',
    district: '市南区',
    postcode: '266071',
    streets: ['香港中路', '东海西路', '闽江路'],
  },
  {
    province: '福建省',
    city: '厦门市',
    district: '思明区',
    postcode: '361001',
    streets: ['鹭江道', '中山路', '湖滨南路'],
  },
  {
    province: '重庆市',
    city: '重庆市',
    district: '渝中区',
    postcode: '400010',
    streets: ['民族路', '解放西路', '中山三路'],
  },
];

/** A foreign city: its region (state, for the US) and real postcodes of it. */
export interface ForeignCity {
  city: string;
  province?: string;
  postcodes: readonly string[];
}

/** A foreign destination country with names, streets, cities and its phone prefix. */
export interface ForeignCountry {
  country: 'US' | 'DE' | 'FR';
  names: readonly string[];
  cities: readonly ForeignCity[];
  /** Formats a street line from a house number and a street name. */
  street: (houseNo: number, street: string) => string;
  streets: readonly string[];
  phonePrefix: string;
}

/** The demo's international destinations. Names carry diacritics on purpose: labels must render them. */
export const FOREIGN_COUNTRIES: readonly ForeignCountry[] = [
  {
    country: 'US',
    names: ['John Smith', 'Zoë Carter', 'Emily Johnson', 'José Álvarez', 'Michael Brown', 'Renée Walker'],
    cities: [
      { city: 'San Francisco', province: 'CA', postcodes: ['94103', '94110', '94117'] },
      { city: 'New York', province: 'NY', postcodes: ['10001', '10011', '10027'] },
      { city: 'Seattle', province: 'WA', postcodes: ['98101', '98109', '98122'] },
      { city: 'Austin', province: 'TX', postcodes: ['78701', '78704', '78751'] },
    ],
    street: (houseNo, street) => `${houseNo} ${street}`,
    streets: ['Market Street', 'Broadway', 'Pine Street', 'Congress Avenue'],
    phonePrefix: '+1 ',
  },
  {
    country: 'DE',
    names: ['Jürgen Müller', 'Lena Schröder', 'Björn Weiß', 'Anna Köhler', 'Max Groß', 'Sören Bäcker'],
    cities: [
      { city: 'Berlin', postcodes: ['10115', '10437', '10999'] },
      { city: 'München', postcodes: ['80331', '80469', '80802'] },
      { city: 'Hamburg', postcodes: ['20095', '20354', '22767'] },
      { city: 'Köln', postcodes: ['50667', '50674', '50823'] },
    ],
    street: (houseNo, street) => `${street} ${houseNo}`,
    streets: ['Leopoldstraße', 'Hauptstraße', 'Schönhauser Allee', 'Königsallee'],
    phonePrefix: '+49 ',
  },
  {
    country: 'FR',
    names: ['Zoë Lefèvre', 'Élodie Dubois', 'François Girard', 'Hélène Moreau', 'Jérôme Fabre', 'Chloé Mercier'],
    cities: [
      { city: 'Paris', postcodes: ['75002', '75006', '75011'] },
      { city: 'Lyon', postcodes: ['69001', '69003', '69007'] },
      { city: 'Marseille', postcodes: ['13001', '13006', '13008'] },
      { city: 'Bordeaux', postcodes: ['33000'] },
    ],
    street: (houseNo, street) => `${houseNo} ${street}`,
    streets: ['rue de la Paix', 'boulevard Saint-Germain', 'avenue des Champs-Élysées', 'rue Sainte-Catherine'],
    phonePrefix: '+33 ',
  },
];

/** The demo warehouse, sender of every demo order. */
export const DEMO_SENDER: Address = {
  name: 'Dockside 示例仓',
  phone: '0571-88886666',
  company: 'Dockside 示例仓',
  country: 'CN',
  province: '浙江省',
  city: '杭州市',
  district: '余杭区',
  address: '文一西路 998 号 5 号仓库',
  postcode: '311121',
};

/** Notes a few demo orders carry. */
export const ORDER_NOTES = ['请勿折叠 Do not bend', '工作日送货 Weekday delivery only', '礼品包装 Gift wrap'];
