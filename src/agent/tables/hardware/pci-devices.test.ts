import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parsePciIds } from './pci-ids.js';
import { pciDevicesTable, pciRow, splitClass, splitIdPair } from './pci-devices.js';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';

const root = fileURLToPath(new URL('./testdata/root', import.meta.url));
const pciIds = parsePciIds(readFileSync(`${root}/usr/share/misc/pci.ids`, 'utf8'));

test('parsePciIds follows osquery\'s PciDB rules', () => {
  assert.equal(pciIds.vendorName('8086'), 'Intel Corporation');
  assert.equal(pciIds.modelName('8086', 'a170'), '100 Series/C230 Series Chipset Family HD Audio Controller');
  assert.equal(pciIds.subsystemName('8086', 'a170', '17aa', '2247'), 'ThinkPad T570');
  // Everything from '#' on is a comment, even inside a name.
  assert.equal(pciIds.subsystemName('10de', '1c82', '1043', '8613'), 'PH-GTX1050TI-4G');
  // A repeated vendor line is ignored; the models after it attach to the vendor before it.
  assert.equal(pciIds.vendorName('1043'), 'ASUSTeK Computer Inc.');
  assert.equal(pciIds.modelName('8086', '9999'), 'Lands under 8086, the vendor before the duplicate');
  assert.equal(pciIds.modelName('1043', '9999'), undefined);
  // The vendor list ends at ffff, which is not a vendor.
  assert.equal(pciIds.vendorName('ffff'), undefined);
  assert.equal(pciIds.className('0c'), 'Serial bus controller');
  assert.equal(pciIds.subclassName('0c', '03'), 'USB controller');
  assert.equal(pciIds.subclassName('06', '04'), 'PCI bridge');
  assert.equal(pciIds.className('ff'), undefined);
});

test('splitIdPair and splitClass decode uevent ids as osquery does', () => {
  const pairs: Array<[string, [string, string] | undefined]> = [
    ['8086:A170', ['8086', 'a170']], ['8086', undefined], ['8086:', undefined], ['1:2:3', undefined], ['', undefined],
  ];
  for (const [input, expected] of pairs) assert.deepEqual(splitIdPair(input), expected, input);
  const classes: Array<[string, [string, string] | undefined]> = [
    ['60000', ['06', '00']], ['C0330', ['0c', '03']], ['FFFF00', ['ff', 'ff']], ['123', undefined],
  ];
  for (const [input, expected] of classes) assert.deepEqual(splitClass(input), expected, input);
});

test('pci_devices rows from the fixture sysfs, in sysfs path order', () => {
  const { rows, warnings } = runGenerator(pciDevicesTable, { paths: { root } });
  assert.deepEqual(warnings, []);
  assert.deepEqual(rows.map((r) => r.pci_slot), ['0000:00:00.0', '0000:00:01.0', '0000:01:00.0', '0000:00:02.0', '0000:00:1f.3']);
  assert.deepEqual(rows[2], {
    pci_slot: '0000:01:00.0', pci_class: 'Display controller', pci_subclass: 'VGA compatible controller', driver: 'nvidia',
    vendor: 'NVIDIA Corporation', model: 'GP107 [GeForce GTX 1050 Ti]', vendor_id: '0x10de', model_id: '0x1c82',
    subsystem_vendor_id: '0x1043', subsystem_model_id: '0x8613', subsystem_vendor: 'ASUSTeK Computer Inc.', subsystem_model: 'PH-GTX1050TI-4G',
    pci_class_id: '0x03', pci_subclass_id: '0x00',
  });
});

test('pci_devices prefers pci.ids names and udev class names, like osquery', () => {
  const audio = runGenerator(pciDevicesTable, { paths: { root } }).rows.find((r) => r.pci_slot === '0000:00:1f.3');
  assert.equal(audio?.vendor, 'Intel Corporation'); // udev said "Intel Corporation (udev)"; pci.ids wins
  assert.equal(audio?.model, '100 Series/C230 Series Chipset Family HD Audio Controller');
  assert.equal(audio?.pci_class, 'Multimedia controller'); // from udev's record
  assert.equal(audio?.subsystem_model, 'ThinkPad T570');
});

test('pci_devices without pci.ids keeps udev names and warns', () => {
  const props = new Map([['PCI_ID', '8086:A170'], ['PCI_SUBSYS_ID', '17AA:2247'], ['PCI_CLASS', '40300'], ['ID_VENDOR_FROM_DATABASE', 'Intel (udev)']]);
  assert.deepEqual(pciRow(props, undefined), {
    pci_slot: '', pci_class: '', pci_subclass: '', driver: '', vendor: 'Intel (udev)', model: '',
    vendor_id: '0x8086', model_id: '0xa170', subsystem_vendor_id: '0x17aa', subsystem_model_id: '0x2247',
    pci_class_id: '0x04', pci_subclass_id: '0x03',
  });
  assert.deepEqual(pciRow(new Map([['PCI_ID', 'bogus']]), undefined).vendor_id, '0');
});

test('pci_devices on this host has osquery column shapes', () => {
  const { rows } = runGenerator(pciDevicesTable);
  assert.deepEqual(validateRows('pci_devices', rows, {
    pci_slot: /^[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/, pci_class: 'String', driver: 'String', vendor: 'String', model: 'String',
    vendor_id: /^0x[0-9a-f]{4}$/, model_id: /^0x[0-9a-f]{4}$/, pci_class_id: /^0x[0-9a-f]{2}$/, pci_subclass_id: /^0x[0-9a-f]{2}$/,
    subsystem_vendor_id: /^(0x[0-9a-f]{4})?$/, subsystem_model_id: /^(0x[0-9a-f]{4})?$/,
  }), []);
});
