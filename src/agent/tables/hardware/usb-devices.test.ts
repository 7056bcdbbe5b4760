import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { udevSafe, usbDevicesTable, usbRow } from './usb-devices.js';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';

const root = fileURLToPath(new URL('./testdata/root', import.meta.url));

test('usb_devices lists devices, not interfaces, from udev records or sysfs', () => {
  const { rows } = runGenerator(usbDevicesTable, { paths: { root } });
  assert.deepEqual(rows, [
    // Root hub: everything from udev's database record (c189:0).
    { vendor: 'Linux Foundation', model: '2.0 root hub', model_id: '0002', vendor_id: '1d6b', version: '0606', serial: '0000:00:14.0',
      class: '9', subclass: '0', protocol: '1', usb_address: '001', usb_port: '001', removable: '-1' },
    // No udev record: ids from sysfs, names from usb.ids.
    { vendor: 'Logitech, Inc.', model: 'Unifying Receiver', model_id: 'c52b', vendor_id: '046d', version: '1211', serial: '',
      class: '0', subclass: '0', protocol: '0', usb_address: '001', usb_port: '003', removable: '1' },
    // Unknown to usb.ids: the model is the product string cleaned as udev's ID_MODEL; "fixed" still reads 1.
    { vendor: '', model: 'Flash_Disk__v2_', model_id: '1234', vendor_id: 'abcd', version: '0100', serial: 'AA_01_02',
      class: '8', subclass: '6', protocol: '80', usb_address: '001', usb_port: '004', removable: '1' },
  ]);
});

test('udevSafe cleans strings as udev does for ID_MODEL and ID_SERIAL_SHORT', () => {
  const cases: Array<[string, string]> = [
    ['  USB  Receiver ', 'USB_Receiver'], ['a/b\\c', 'a_b_c'], ['ok-1.2:3=4@5#6+7', 'ok-1.2:3=4@5#6+7'], ['Größe', 'Größe'], ['', ''],
  ];
  for (const [input, expected] of cases) assert.equal(udevSafe(input), expected, input);
});

test('usbRow leaves class fields empty unless TYPE has three parts', () => {
  const row = usbRow(new Map([['TYPE', '9/0'], ['BUSNUM', '002'], ['DEVNUM', '001'], ['ID_MODEL', 'fallback']]), 'unknown');
  assert.deepEqual([row.class, row.subclass, row.protocol, row.model, row.removable], ['', '', '', 'fallback', '-1']);
});

test('usb_devices on this host has osquery column shapes', () => {
  const { rows } = runGenerator(usbDevicesTable);
  assert.deepEqual(validateRows('usb_devices', rows, {
    usb_address: 'NonNegativeInt', usb_port: 'NonNegativeInt', vendor: 'String', vendor_id: /^[0-9a-f]{4}$/, version: 'String',
    model: 'String', model_id: /^[0-9a-f]{4}$/, serial: 'String', class: 'NonNegativeOrEmptyInt', subclass: 'NonNegativeOrEmptyInt',
    protocol: 'NonNegativeOrEmptyInt', removable: /^(-1|1)$/,
  }), []);
});
