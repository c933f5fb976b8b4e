import type { Address, Order, OrderLine } from '../domain';
import type { BatchLabel } from './types';

/**
 * The demanding orders a template is checked with before it may be used for packing, besides the preview's sample
 * order: the longest fields real orders bring (a long Chinese address with a company receiver, a long Latin name
 * with a long street, the phone formats that mask longest, a 30-line order). They are as long as the longest of the
 * varied orders the label tests render, not longer: a template that prints those prints these.
 */

const sender: Address = {
  name: '杭州码头仓储有限公司',
  phone: '0571-88886666',
  company: 'Dockside 仓储',
  country: 'CN',
  province: '浙江省',
  city: '杭州市',
  district: '余杭区',
  address: '仓前街道文一西路1500号 6号仓库 东门',
  postcode: '311121',
};

const line = (lineNo: number, name: string): OrderLine => ({
  lineNo,
  sku: `SKU-${String(10000 + lineNo)}`,
  name,
  barcode: `69012345${String(10000 + lineNo)}`,
  quantity: 1 + (lineNo % 3),
});

function order(orderNo: string, receiver: Address, lines: OrderLine[], extra: Partial<Order> = {}): Order {
  return {
    orderNo,
    status: 'claimed',
    version: 1,
    createdAt: '2025-11-20T08:00:00.000Z',
    updatedAt: '2025-11-20T08:00:00.000Z',
    receiver,
    sender,
    lines,
    carrier: 'EMS 中国邮政速递物流',
    weightKg: 28.75,
    trackingNumber: null,
    shipments: [],
    ...extra,
  };
}

/** The check's demanding orders with their tracking numbers (the longest the station issues: `SF` + 13 digits). */
export const CHECK_ORDERS: readonly BatchLabel[] = [
  {
    order: order(
      'CHECK-CN-LONG',
      {
        name: '欧阳秀英镕堃（公司采购部）',
        phone: '+86 138 1234 5678',
        company: '深圳市某某科技有限公司第一分公司',
        country: 'CN',
        province: '新疆维吾尔自治区',
        city: '乌鲁木齐市',
        district: '沙依巴克区',
        address:
          '科技园南区深南大道9999号软件产业基地5栋B座40楼8888室（工作日9:00-18:00送达）科技园南区深南大道辅路软件产业基地5栋B座北门物业中心旁边的快递驿站，易碎品，轻拿轻放，联系电话见上',
        postcode: '830000',
      },
      [line(1, '无线蓝牙耳机 Pro（白色）'), line(2, 'USB-C 快充数据线 1.5m')],
      { note: '工作日9:00-18:00送达' },
    ),
    trackingNumber: 'SF1234567890123',
  },
  {
    order: order(
      'CHECK-LATIN-LONG',
      {
        name: 'Mary-Jane O’Connor c/o Bob Smith and the whole purchasing department',
        phone: '(555) 123-4567',
        country: 'US',
        province: 'IL',
        city: 'Springfield',
        address:
          '1600 Pennsylvania Ave NW, Suite 400, 742 Evergreen Terrace, Hinterhaus, 4. OG links, bei Familie Übermüller-Schönberg',
        postcode: '62701',
      },
      [line(1, 'Façade brush set (12 pcs)')],
      { carrier: 'DHL Express' },
    ),
    trackingNumber: 'DS123456789012',
  },
  {
    order: order(
      'CHECK-PHONES',
      {
        name: '诸葛晓明',
        phone: '86 13912345678',
        country: 'CN',
        province: '内蒙古自治区',
        city: '呼和浩特市',
        address: '星湖街8888号阳光花园12栋40楼1234室',
      },
      Array.from({ length: 30 }, (_, i) =>
        line(i + 1, `机械键盘 87键 超长商品名称组合装限量版 Limited Edition Bundle with Extras ${i + 1}`),
      ),
      { sender: { ...sender, phone: '0571-88886666 转 8021' } },
    ),
    trackingNumber: 'SF9876543210987',
  },
  {
    order: order(
      'CHECK-LATIN-PHONE',
      {
        name: 'Øystein Ødegård',
        phone: '+47 123 456 789',
        country: 'NO',
        city: 'Tromsø',
        address: 'Sjøgata 14, 2. etasje',
      },
      [line(1, 'Kaffeemühle “Öko”')],
    ),
    trackingNumber: 'DS000000000017',
  },
];
