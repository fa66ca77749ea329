/**
 * GPU instance types SageMaker real-time endpoints offer, with what sizing needs: GPU count,
 * total GPU memory, vCPUs and host memory. Figures from the SageMaker pricing page and the EC2
 * accelerated-computing instance specifications
 * (https://aws.amazon.com/ec2/instance-types/#Accelerated_Computing).
 * The GPU metrics CloudWatch reports are summed over GPUs, so `gpus` also normalises them.
 */
export interface InstanceTypeSpec {
  readonly name: string;
  readonly gpus: number;
  /** Total GPU memory over all GPUs, GiB. */
  readonly gpuMemoryGiB: number;
  readonly gpuModel: string;
  readonly vcpus: number;
  readonly memoryGiB: number;
}

type Row = readonly [name: string, gpus: number, gpuMemoryGiB: number, vcpus: number, memoryGiB: number];

function family(gpuModel: string, rows: readonly Row[]): InstanceTypeSpec[] {
  return rows.map(([name, gpus, gpuMemoryGiB, vcpus, memoryGiB]) => ({ name, gpus, gpuMemoryGiB, gpuModel, vcpus, memoryGiB }));
}

export const instanceTypes: readonly InstanceTypeSpec[] = [
  ...family('T4', [
    ['ml.g4dn.xlarge', 1, 16, 4, 16],
    ['ml.g4dn.2xlarge', 1, 16, 8, 32],
    ['ml.g4dn.4xlarge', 1, 16, 16, 64],
    ['ml.g4dn.8xlarge', 1, 16, 32, 128],
    ['ml.g4dn.12xlarge', 4, 64, 48, 192],
    ['ml.g4dn.16xlarge', 1, 16, 64, 256],
  ]),
  ...family('A10G', [
    ['ml.g5.xlarge', 1, 24, 4, 16],
    ['ml.g5.2xlarge', 1, 24, 8, 32],
    ['ml.g5.4xlarge', 1, 24, 16, 64],
    ['ml.g5.8xlarge', 1, 24, 32, 128],
    ['ml.g5.12xlarge', 4, 96, 48, 192],
    ['ml.g5.16xlarge', 1, 24, 64, 256],
    ['ml.g5.24xlarge', 4, 96, 96, 384],
    ['ml.g5.48xlarge', 8, 192, 192, 768],
  ]),
  ...family('L4', [
    ['ml.g6.xlarge', 1, 24, 4, 16],
    ['ml.g6.2xlarge', 1, 24, 8, 32],
    ['ml.g6.4xlarge', 1, 24, 16, 64],
    ['ml.g6.8xlarge', 1, 24, 32, 128],
    ['ml.g6.12xlarge', 4, 96, 48, 192],
    ['ml.g6.16xlarge', 1, 24, 64, 256],
    ['ml.g6.24xlarge', 4, 96, 96, 384],
    ['ml.g6.48xlarge', 8, 192, 192, 768],
  ]),
  ...family('L40S', [
    ['ml.g6e.xlarge', 1, 48, 4, 32],
    ['ml.g6e.2xlarge', 1, 48, 8, 64],
    ['ml.g6e.4xlarge', 1, 48, 16, 128],
    ['ml.g6e.8xlarge', 1, 48, 32, 256],
    ['ml.g6e.12xlarge', 4, 192, 48, 384],
    ['ml.g6e.16xlarge', 1, 48, 64, 512],
    ['ml.g6e.24xlarge', 4, 192, 96, 768],
    ['ml.g6e.48xlarge', 8, 384, 192, 1536],
  ]),
  ...family('A100', [
    ['ml.p4d.24xlarge', 8, 320, 96, 1152],
    ['ml.p4de.24xlarge', 8, 640, 96, 1152],
  ]),
  ...family('H100', [['ml.p5.48xlarge', 8, 640, 192, 2048]]),
  ...family('H200', [
    ['ml.p5e.48xlarge', 8, 1128, 192, 2048],
    ['ml.p5en.48xlarge', 8, 1128, 192, 2048],
  ]),
];

const byName = new Map(instanceTypes.map((t) => [t.name, t]));

export function findInstanceType(name: string): InstanceTypeSpec | undefined {
  return byName.get(name);
}
