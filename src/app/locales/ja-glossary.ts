// Japanese for the glossary (src/shared/ui/glossary.ts): plain words for a first-year student.
import { str } from '@lit/localize';

export const glossaryTemplates = {
  'glossary.what': str`${0} とは?`,
  'glossary.words': 'ことばの説明:',
  'glossary.name.backend': 'バックエンド',
  'glossary.name.sportsBall': '「sports ball」',
  'glossary.name.threshold': 'しきい値',
  'glossary.name.views': '1 枚あたりのビュー数',
  'glossary.name.learningRate': '学習率',
  'glossary.name.trainVal': '学習用 / 検証用',
  'glossary.name.epoch': 'エポック',
  'glossary.name.label': 'ラベル (教師)',
  'glossary.backend':
    'この端末でモデルの計算をするエンジンです。グラフィックス用のチップ (WebGPU、WebGL) か、CPU (WASM、CPU) を使います。速いエンジンほど 1 秒あたりのコマ数が増えますが、答えは同じです。',
  'glossary.webgpu':
    'WebGPU: Web ページがグラフィックス用のチップで計算するための、いちばん新しいしくみです。使える端末ではたいてい最速です。',
  'glossary.webgl':
    'WebGL: グラフィックス用のチップで、描画のしくみを通して計算する古いやり方です。ほとんどのスマホで動きます。',
  'glossary.wasm':
    'WASM (WebAssembly): CPU で速く動くプログラムの形式です。グラフィックス用のチップがない・遅いときの安全な選択です。',
  'glossary.sportsBall':
    '「sports ball」は、標準モデルが学んだ 80 種類の写真集 COCO の「ボール」の分類です。その写真に写ったボールの見え方しか知らないので、実際のボールを多く見逃します。',
  'glossary.threshold':
    'モデルは枠ごとに 0〜100 % のスコアを付けます。しきい値以上の枠だけを表示します。下げるとボールを多く見つけますが、まちがいも増えます。',
  'glossary.map':
    'mAP@0.5: 検出モデルの良さを 0〜1 の 1 つの数で表したものです。ラベルのボールと半分以上重なる枠 (IoU ≥ 0.5) を正解とし、すべてのボールを誤検出なしで見つけるほど高くなります。',
  'glossary.views':
    'ビュー数: 同じ写真を反転・拡大・少しずらしたりして何回もモデルに見せます。少ない写真でも多くを学べます。',
  'glossary.learningRate':
    '学習率: モデルが自分を直すときの一歩の大きさです。大きすぎると行ったり来たりし、小さすぎると学ぶのが遅くなります。',
  'glossary.trainVal':
    '学習用の写真でモデルに教え、検証用の写真は取っておいて、モデルが見たことのない写真でテストします。授業のあとの試験のようなものです。',
  'glossary.epoch': 'エポック: 学習用の写真を全部 1 回ずつ使うこと。学習は何エポックかくり返します。',
  'glossary.label':
    'ラベル (教師): 写真ごとにあなたが与える正しい答えです。ここではボールを囲む枠です。モデルはラベルから学ぶので、まちがったラベルはまちがいを教えます。',
};
