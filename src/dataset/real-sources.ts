// The real labelled photo sets the default model may learn from (checked in ../shared/real-ball-sources.md
// of the course's workspace): where each comes from, its licence, which of its YOLO classes are balls,
// and what may ship inside the app. All are Roboflow Universe exports under CC BY 4.0.

export type SourceRole = 'balls' | 'negatives';

export interface RealSource {
  /** Folder name under `--real DIR`, and the id in RECIPE.json and the credits. */
  slug: string;
  repository: string;
  commit: string;
  /** The export's folder inside the repository ({train,valid,test}/{images,labels}, data.yaml). */
  folder: string;
  datasetUrl: string;
  licence: 'CC BY 4.0';
  role: SourceRole;
  /** YOLO class id → the ball kind it is; other ids are not balls (dropped, their area stays unlabelled). */
  ballClasses: Record<number, string>;
  /** The photos' real width / height where Roboflow stretched them to a square (undone before training). */
  originalAspect?: number;
  /** Phone-style photos without a broadcaster's rights: may ship in the app (evaluation set, starter set). */
  mayShip: boolean;
  /** Files never to use: copies of photos that the project's hidden evaluation holds. */
  excludePrefixes?: string[];
}

export const REAL_SOURCES: readonly RealSource[] = [
  {
    slug: 'basketball-f2rlv',
    repository: 'hong-l1/Robocon2025-Hoop-Detection-3',
    commit: 'c6dcff3',
    folder: 'basketball-1',
    datasetUrl: 'https://universe.roboflow.com/work-sxiv5/basketball-f2rlv',
    licence: 'CC BY 4.0',
    role: 'balls',
    // `Goal` is a ball inside the hoop: still a ball.
    ballClasses: { 0: 'basketball', 1: 'basketball' },
    mayShip: false,
    excludePrefixes: ['n02802426_3723_JPEG', 'n02802426_12062_JPEG'],
  },
  {
    slug: 'tennis-ball-detection',
    repository: 'abdullahtarek/tennis_analysis',
    commit: 'd557527',
    folder: 'training/tennis-ball-detection-6/tennis-ball-detection-6',
    datasetUrl: 'https://universe.roboflow.com/viren-dhanwani/tennis-ball-detection',
    licence: 'CC BY 4.0',
    role: 'balls',
    ballClasses: { 0: 'tennis' },
    mayShip: false,
  },
  {
    slug: 'football-players-detection',
    repository: 'mehdi-byte/football_analysis_project',
    commit: '261109c',
    folder: 'football-players-detection-12/test_project-2',
    datasetUrl: 'https://universe.roboflow.com/roboflow-jvuqo/football-players-detection-3zvbc',
    licence: 'CC BY 4.0',
    role: 'balls',
    ballClasses: { 0: 'soccer' },
    originalAspect: 16 / 9,
    mayShip: false,
  },
  {
    slug: 'basketball-lhqoe',
    repository: 'vzhan00/ballStats',
    commit: 'c5bb9b3',
    folder: 'basketball-1',
    datasetUrl: 'https://universe.roboflow.com/034-ganesh-kumar-m-v-cs-r2lwe/basketball-lhqoe',
    licence: 'CC BY 4.0',
    role: 'balls',
    // Its data.yaml lists `Basketball Hoop` first, but the boxes drawn on the photos say otherwise:
    // class 1 frames the hoops, class 0 the balls.
    ballClasses: { 0: 'basketball' },
    mayShip: true,
  },
  {
    slug: 'ball-detection-mobgq',
    repository: 's235070/62410-CDIO-Project',
    commit: 'b92ca52',
    folder: 'src/yolov8/track-system-6',
    datasetUrl: 'https://universe.roboflow.com/balldetection-z7gmn/ball-detection-mobgq',
    licence: 'CC BY 4.0',
    role: 'balls',
    ballClasses: { 1: 'ping-pong', 2: 'ping-pong' },
    mayShip: true,
  },
  {
    slug: 'apple-detector-new',
    repository: 'SaGerz/Apple-Dataset-2',
    commit: '3aa54f5',
    folder: '.',
    datasetUrl: 'https://universe.roboflow.com/solar-tyft0/apple-detector-new',
    licence: 'CC BY 4.0',
    role: 'negatives',
    ballClasses: {},
    mayShip: false,
  },
  {
    slug: 'apple-detection',
    repository: 'wbo5885/ros_ws',
    commit: '18c8231',
    folder: 'sm/Apple_Detection.v1i.yolov8',
    datasetUrl: 'https://universe.roboflow.com/lakshantha-dissanayake/apple-detection-5z37o',
    licence: 'CC BY 4.0',
    role: 'negatives',
    ballClasses: {},
    mayShip: false,
  },
  {
    slug: 'face-detection',
    repository: 'ThesusCaryed/ThesisV3',
    commit: 'b0894ba',
    folder: 'Face-Detection-1',
    datasetUrl: 'https://universe.roboflow.com/thesis-cg8kk/face-detection-mgde2',
    licence: 'CC BY 4.0',
    role: 'negatives',
    ballClasses: {},
    mayShip: false,
  },
  {
    slug: 'jordanian-coins',
    repository: 'Amal-Emad/JordinianCoinsDetection',
    commit: '1604eae',
    folder: 'JdCoins',
    datasetUrl: 'https://universe.roboflow.com/jd-coins/jd-coins-detection',
    licence: 'CC BY 4.0',
    role: 'negatives',
    ballClasses: {},
    mayShip: false,
  },
];

/** Roboflow names augmented copies `<photo>_jpg.rf.<hash>.jpg`: the part before `.rf.` is the photo. */
export function photoGroup(fileName: string): string {
  const base = fileName.replace(/^.*\//, '');
  const at = base.indexOf('.rf.');
  return at >= 0 ? base.slice(0, at) : base.replace(/\.[^.]+$/, '');
}
