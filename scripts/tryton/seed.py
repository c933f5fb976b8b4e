#!/usr/bin/python3
"""Seeds a Tryton 6.0 database for Dockside's tests (run with Debian's /usr/bin/python3, no server needed).

Usage: seed.py TRYTOND_CONF DATABASE

Creates a company (CNY), countries CN and DE with one subdivision each, a warehouse stock of three products (codes
SKU-001..003, EAN-13 identifiers), a package type, a carrier, two customers (one with a Chinese address, one with a
Latin one) and customer shipments numbered OUT-00001... in waiting, assigned and draft state. Prints a JSON summary
on stdout. Deterministic: the same script on a fresh database gives the same ids and numbers.
"""
import datetime
import json
import sys
from decimal import Decimal

from proteus import Model, Wizard, config as proteus_config


def main(conf_file, database):
    config = proteus_config.set_trytond(database, config_file=conf_file)

    Currency = Model.get('currency.currency')
    Country = Model.get('country.country')
    Subdivision = Model.get('country.subdivision')
    Party = Model.get('party.party')
    User = Model.get('res.user')
    Uom = Model.get('product.uom')
    Template = Model.get('product.template')
    Location = Model.get('stock.location')
    Move = Model.get('stock.move')
    Shipment = Model.get('stock.shipment.out')
    PackageType = Model.get('stock.package.type')
    Carrier = Model.get('carrier')
    Sequence = Model.get('ir.sequence')
    StockConfig = Model.get('stock.configuration')

    cny = Currency(name='Chinese Yuan', code='CNY', symbol='¥', rounding=Decimal('0.01'), digits=2)
    cny.save()

    cn = Country(name='China', code='CN')
    cn.save()
    guangdong = Subdivision(country=cn, name='广东省', code='CN-GD', type='province')
    guangdong.save()
    de = Country(name='Germany', code='DE')
    de.save()
    berlin = Subdivision(country=de, name='Berlin', code='DE-BE', type='state')
    berlin.save()

    # The company's party is the sender on every waybill.
    company_party = Party(name='Dockside 示例仓库')
    address, = company_party.addresses
    address.street = '宝安区福永街道物流园8栋'
    address.city = '深圳市'
    address.postal_code = '518103'
    address.country = cn
    address.subdivision = guangdong
    company_party.contact_mechanisms.new(type='phone', value='0755-26000000')
    company_party.save()

    company_config = Wizard('company.company.config')
    company_config.execute('company')
    company_config.form.party = company_party
    company_config.form.currency = cny
    company_config.execute('add')
    config._context = User.get_preferences(True, {})
    company = Model.get('company.company')(config._context['company'])

    # Shipment numbers a packer can scan: OUT-00001, OUT-00002, ...
    stock_config = StockConfig(1)
    sequence = stock_config.shipment_out_sequence
    sequence = Sequence(sequence.id)
    sequence.prefix = 'OUT-'
    sequence.padding = 5
    sequence.save()

    unit, = Uom.find([('name', '=', 'Unit')])
    supplier, = Location.find([('code', '=', 'SUP')])
    customer_loc, = Location.find([('code', '=', 'CUS')])
    warehouse, = Location.find([('type', '=', 'warehouse')])
    storage = warehouse.storage_location
    output = warehouse.output_location

    products = []
    for code, name, ean, price in [
        ('SKU-001', '保温杯 500ml', '6901234567892', '59.00'),
        ('SKU-002', 'USB-C cable 1 m', '4006381333931', '19.90'),
        ('SKU-003', '茶叶礼盒 Tea gift box', '6920000000012', '128.00'),
    ]:
        template = Template(name=name, code=code, type='goods', default_uom=unit, list_price=Decimal(price))
        template.save()
        product, = template.products
        product.cost_price = Decimal(price) / 2
        product.identifiers.new(type='ean', code=ean)
        product.save()
        products.append(product)

    # 100 of each product in the warehouse's storage zone.
    for product in products:
        move = Move(product=product, uom=unit, quantity=100, from_location=supplier, to_location=storage,
                    unit_price=product.cost_price, currency=cny, company=company,
                    effective_date=datetime.date.today())
        move.save()
        move.click('do')

    PackageType(name='Box').save()

    service = Template(name='Express delivery', type='service', default_uom=unit, list_price=Decimal('12.00'))
    service.save()
    carrier_party = Party(name='SF Express 顺丰速运')
    carrier_party.save()
    carrier = Carrier(party=carrier_party, carrier_product=service.products[0])
    carrier.save()

    zhang = Party(name='张伟')
    address, = zhang.addresses
    address.street = '南山区科技园科苑路15号 腾讯大厦2楼'
    address.city = '深圳市'
    address.postal_code = '518057'
    address.country = cn
    address.subdivision = guangdong
    zhang.contact_mechanisms.new(type='mobile', value='13800138000')
    zhang.save()

    anna = Party(name='Anna Schmidt')
    address, = anna.addresses
    address.street = 'Unter den Linden 77'
    address.city = 'Berlin'
    address.postal_code = '10117'
    address.country = de
    address.subdivision = berlin
    anna.contact_mechanisms.new(type='phone', value='+49 30 2263 0')
    anna.save()

    def shipment(party, lines, state, with_carrier=True):
        record = Shipment(customer=party, company=company, warehouse=warehouse,
                          planned_date=datetime.date.today())
        record.delivery_address = party.addresses[0]
        if with_carrier:
            record.carrier = carrier
        for product, quantity in lines:
            move = record.outgoing_moves.new()
            move.product = product
            move.uom = unit
            move.quantity = quantity
            move.from_location = output
            move.to_location = customer_loc
            move.company = company
            move.unit_price = product.list_price
            move.currency = cny
        record.save()
        if state in ('waiting', 'assigned'):
            record.click('wait')
        if state == 'assigned':
            record.click('assign_try')
            assert record.state == 'assigned', record.state
        return record

    sku1, sku2, sku3 = products
    shipments = [
        shipment(zhang, [(sku1, 3), (sku2, 2)], 'waiting'),
        shipment(anna, [(sku3, 1)], 'waiting', with_carrier=False),
        shipment(zhang, [(sku1, 1)], 'assigned'),
        shipment(anna, [(sku2, 1)], 'waiting'),
        shipment(zhang, [(sku3, 2)], 'waiting'),
        shipment(anna, [(sku1, 1), (sku3, 1)], 'assigned'),
        shipment(zhang, [(sku2, 4)], 'draft'),
    ]

    json.dump({
        'company': company.id,
        'warehouse': warehouse.id,
        'storage': storage.id,
        'products': {p.code: p.id for p in products},
        'shipments': {s.number: s.state for s in shipments},
    }, sys.stdout, ensure_ascii=False)
    sys.stdout.write('\n')


if __name__ == '__main__':
    if len(sys.argv) != 3:
        sys.exit('usage: seed.py TRYTOND_CONF DATABASE')
    main(sys.argv[1], sys.argv[2])
